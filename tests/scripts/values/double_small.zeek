# Doubles below 1e-6 print in %g style with 6 significant digits
event zeek_init()
	{
	print 0.000001;
	print 0.0000001;
	print 0.0000005;
	print 0.00000012345678;
	print 0.000000000025;
	print -0.0000003;
	print 0.00001, 0.0001234;
	print 1e-20;
	}
