# Compound assignment and prefix increment/decrement on counts, ints and doubles
event zeek_init()
	{
	local c = 10;
	c += 5;
	c -= 3;
	print c, type_name(c);
	local i = -4;
	i += 10;
	++i;
	print i, type_name(i);
	local d = 1.5;
	d += 2;
	d -= 0.25;
	print d, type_name(d);
	local k = 0;
	print ++k, ++k, k;
	print --k, k;
	}
