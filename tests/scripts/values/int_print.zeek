# Printing of int values: signs, unary plus, extremes, and int vs count typing
event zeek_init()
	{
	local a = -17;
	local b = +17;
	local c: int = 5;
	print a, b, c;
	print type_name(a), type_name(b), type_name(c), type_name(17);
	print -9223372036854775808;
	print 9223372036854775807;
	local z: int = 0;
	print -z, +z;
	print -(-4);
	print vector(-1, +2, -3);
	}
