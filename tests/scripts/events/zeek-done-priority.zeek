# zeek_done bodies honour &priority, and events raised from zeek_done still get dispatched.
event cleanup_step(s: string)
	{
	print "cleanup_step", s;
	}

event zeek_done() &priority=-3
	{
	print "done low";
	}

event zeek_done() &priority=8
	{
	print "done high";
	event cleanup_step("raised in zeek_done");
	}

event zeek_done()
	{
	print "done default";
	}

event zeek_init()
	{
	print "init";
	}
