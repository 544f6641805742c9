# Events raised in zeek_init are queued FIFO and run only after every zeek_init body has finished.
event alpha()
	{
	print "alpha";
	}

event beta(s: string)
	{
	print "beta", s;
	}

event gamma()
	{
	print "gamma";
	}

event zeek_init() &priority=5
	{
	event alpha();
	event beta("x");
	print "first zeek_init body done";
	}

event zeek_init() &priority=-5
	{
	event gamma();
	print "second zeek_init body done";
	}
