# An event raised from inside a handler goes to the back of the queue, behind already pending events.
event b()
	{
	print "b (raised by a)";
	}

event a()
	{
	print "a";
	event b();
	}

event c()
	{
	print "c";
	}

event zeek_init()
	{
	event a();
	event c();
	}
