# Double printing in fixed notation: trailing zeros stripped, ".0" kept for integral values
event zeek_init()
	{
	print 3.14;
	print 1.5, -0.25, 100.0;
	print 2.0, 1e3, 5.;
	print 0.1 + 0.2;
	print 1.0 / 3.0, 2.0 / 3.0;
	print 123456.7890123;
	print 0.0;
	print -0.0;
	local d: double = 7;
	print d, type_name(d);
	print vector(1.0, 2.5, -3.75);
	}
