# Arithmetic result types when mixing count, int and double operands
event zeek_init()
	{
	print 7 + 3, type_name(7 + 3);
	print 7 + -3, type_name(7 + -3);
	print 7 + 0.5, type_name(7 + 0.5);
	print -2 * 3, type_name(-2 * 3);
	print 2 * 1.5, type_name(2 * 1.5);
	print +4 - 10, type_name(+4 - 10);
	print -1.5 + -1, type_name(-1.5 + -1);
	local c: count = 5;
	local i: int = -2;
	local d: double = 0.25;
	print c + i, c * d, i * d;
	print type_name(c + i), type_name(c * d), type_name(i - d);
	}
