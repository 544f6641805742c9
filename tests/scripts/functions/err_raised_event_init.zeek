# An event raised from zeek_init is still dispatched during initialization, so its runtime error is fatal
# @EXIT: 1
global t: table[string] of count;

event go()
	{
	print "go start";
	print t["missing"];
	print "not reached";
	}

event zeek_init()
	{
	print "init";
	event go();
	}

event zeek_done()
	{
	print "done is never reached";
	}
