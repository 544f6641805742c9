# Record construction with [$f=...] coerced to a declared type and with the named R($f=...) form
type Point: record {
	x: int;
	y: int;
	label: string &optional;
};

event zeek_init()
	{
	local a: Point = [$x=1, $y=2];
	local b = Point($x=-3, $y=4, $label="b");
	print a;
	print b;
	print a$x + b$x, b$label;
	local c = Point($y=0, $x=9);
	print c;
	print |b|;
	}
