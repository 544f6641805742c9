# Runtime error after init: element-wise vector arithmetic needs equal lengths
event zeek_done()
	{
	local a = vector(1, 2, 3);
	local b = vector(10, 20);
	print a + a;
	print a + b;
	print "not reached";
	}
