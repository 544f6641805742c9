# An event queued two levels below zeek_init runs after initialization: its runtime error is not fatal
global t: table[string] of count;

event second()
	{
	print "second start";
	print t["missing"];
	print "not reached";
	}

event first()
	{
	print "first";
	event second();
	}

event zeek_init()
	{
	event first();
	}

event zeek_done()
	{
	print "done";
	}
