# A runtime error while zeek_init is being processed makes Zeek exit with status 1 once initialization ends.
# @EXIT: 1
global v: vector of count = vector(1, 2);

event zeek_init() &priority=10
	{
	print "before";
	print v[5];
	print "not reached";
	}

event zeek_init()
	{
	print "other zeek_init body still runs";
	}

event zeek_done()
	{
	print "zeek_done must not run";
	}
