# Records made before a `redef record ... += {...}` get the new fields (their &default value,
# or unset), and a table keyed by such records still finds them afterwards.
type Inner: record {
	n: count &default = 1;
};

type Key: record {
	inner: Inner &default = Inner();
	id: count;
};

global early = Key($id = 7);
global seen: table[Key] of string = { [early] = "early" };
global by_inner: set[Inner] = { Inner($n = 5) };
global nested: vector of Key = vector(Key($id = 8));

redef record Key += {
	tag: string &default = "none";
	note: string &optional;
};

redef record Inner += {
	color: string &default = "blue";
};

event zeek_init()
	{
	print early;
	print early?$tag, early?$note, early$tag, early$inner$color;
	print nested[0];
	print early in seen, Key($id = 7) in seen, Key($id = 7, $tag = "x") in seen;
	print Inner($n = 5) in by_inner, Inner($n = 5, $color = "red") in by_inner;
	seen[Key($id = 9)] = "late";
	print |seen|, seen[Key($id = 9)];
	}
