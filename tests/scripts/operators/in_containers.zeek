# "in" and "!in" on sets, tables, multi-index sets and vectors (vector: index present)
event zeek_init()
	{
	local s = set(1, 2, 3);
	print 2 in s, 5 in s, 5 !in s;
	local t = table(["a"] = 1, ["b"] = 2);
	print "a" in t, "z" in t, "z" !in t;
	local pairs: set[string, count] = { ["x", 1], ["y", 2] };
	print ["x", 1] in pairs, ["x", 2] in pairs;
	local v = vector(10, 20);
	print 1 in v, 2 in v;
	v[4] = 50;
	print 3 in v, 4 in v;
	}
