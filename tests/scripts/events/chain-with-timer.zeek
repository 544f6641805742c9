# At shutdown pending events drain (two generations) before timers expire, so a timer event interleaves with a long event chain.
event ding()
	{
	print "timer event";
	}

event step(n: count)
	{
	print fmt("step %d", n);

	if ( n < 6 )
		event step(n + 1);
	}

event zeek_init()
	{
	schedule 5sec { ding() };
	event step(1);
	}

event zeek_done()
	{
	print "zeek_done";
	}
