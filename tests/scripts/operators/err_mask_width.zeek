# Runtime error after init: an IPv4 mask width above 32 is rejected
event zeek_done()
	{
	local a = 10.0.0.1;
	local w = 24;
	print a / w;
	w = 33;
	print a / w;
	print "not reached";
	}
