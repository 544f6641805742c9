# Doubles above INT_MAX print in shortest scientific notation
event zeek_init()
	{
	print 2147483647.0;
	print 2147483648.0;
	print 1e10;
	print 12345678901.5;
	print -5e9;
	print 1.5e300;
	print 1000000.0;
	print 123456789.25;
	}
