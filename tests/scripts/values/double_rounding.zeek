# Six-digit rounding of doubles: ".0" is only added when within 1e-9 of an integer
event zeek_init()
	{
	print 2.0000001;
	print 1.9999999;
	print 7.9999999999;
	print 3.0000000001;
	print 0.1234567;
	print 9.9999996;
	print 42.00000049;
	}
