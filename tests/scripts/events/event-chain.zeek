# A chain of events, each raising the next, completes before zeek_done.
event step(n: count)
	{
	print fmt("step %d", n);

	if ( n < 5 )
		event step(n + 1);
	}

event zeek_init()
	{
	print "init";
	event step(1);
	}

event zeek_done()
	{
	print "done";
	}
