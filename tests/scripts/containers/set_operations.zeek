# Set union |, intersection &, difference -, and subset/equality comparisons
event zeek_init()
	{
	local a = set(1, 2, 3, 4);
	local b = set(3, 4, 5);
	local u = a | b;
	local i = a & b;
	local d = a - b;
	print |u|, |i|, |d|;
	print 5 in u, 1 in i, 3 in i, 1 in d, 3 in d;
	print |a|, |b|;
	print set(1, 2) < a, a < a, a <= a, set(9) <= a;
	print a == set(4, 3, 2, 1), a != b;
	print b - a;
	print a & set(2);
	}
