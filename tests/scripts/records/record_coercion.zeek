# Anonymous record constructors coerce to the target type: numeric promotion, optional fields left unset
type Sample: record {
	value: double;
	weight: int &optional;
	unit: string &default="ms";
};

function show(s: Sample)
	{
	print s;
	}

event zeek_init()
	{
	local s: Sample = [$value=3];
	print s;
	show([$value=1.5, $weight=2]);
	local list: vector of Sample = { [$value=7], [$value=8, $unit="s"] };
	print list;
	local anon = [$a=1, $b="two"];
	print anon, anon$b;
	}
