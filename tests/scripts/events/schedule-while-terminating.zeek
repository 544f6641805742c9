# Timers only fire once Zeek is terminating; schedules made from then on (timer events, zeek_done) are dropped.
event second()
	{
	print "second (must not appear)";
	}

event first()
	{
	print "first", zeek_is_terminating();
	schedule 1sec { second() };
	}

event zeek_init()
	{
	print "init", zeek_is_terminating();
	schedule 1sec { first() };
	}

event zeek_done()
	{
	print "zeek_done";
	schedule 1sec { second() };
	}
