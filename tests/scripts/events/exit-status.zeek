# exit(n) ends the process at once with status n: no further handler bodies, events or zeek_done.
# @EXIT: 4
event never()
	{
	print "queued event must not run";
	}

event zeek_done()
	{
	print "zeek_done must not run";
	}

event zeek_init() &priority=1
	{
	event never();
	print "before exit";
	exit(4);
	print "after exit";
	}

event zeek_init()
	{
	print "second zeek_init body must not run";
	}
