# Integer division truncates toward zero; modulo follows the sign of the dividend
event zeek_init()
	{
	print 7 / 2, 7 % 2;
	print -7 / 2, -7 % 2;
	print 7 / -2, 7 % -2;
	print -9 / -4, -9 % -4;
	print 1 / 3, 2 / 2;
	print 7.0 / 2, 7 / 2.0, 1.0 / 4;
	print 100 / 7 * 7 + 100 % 7;
	print type_name(7 / 2), type_name(-7 / 2), type_name(7 % 3);
	}
