# Runtime error inside zeek_init is an init error: other handlers still run, then Zeek exits 1
# @EXIT: 1
global zero = 0;

event zeek_init()
	{
	print "first handler";
	print 7 % zero;
	print "not reached";
	}

event zeek_init()
	{
	print "second handler";
	}

event zeek_done()
	{
	print "zeek_done does not run";
	}
