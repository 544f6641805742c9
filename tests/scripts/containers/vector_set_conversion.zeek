# Converting a vector to a set with "as" removes duplicates; sort() orders vectors in place
event zeek_init()
	{
	local v = vector(3, 1, 3, 2, 1);
	local s = v as set[count];
	print |s|, 1 in s, 4 in s;
	local back = s as vector of count;
	sort(back);
	print back;
	local d = vector(2.5, -1.0, 0.0);
	sort(d);
	print d;
	local i = vector(5, -5, 0);
	sort(i, function(a: int, b: int): int { return b - a; });
	print i;
	}
