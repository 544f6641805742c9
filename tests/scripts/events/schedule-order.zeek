# Scheduled events fire at shutdown in timestamp order, after queued events and before zeek_done.
event tick(label: string)
	{
	print "tick", label;
	}

event zeek_init()
	{
	schedule 30sec { tick("thirty seconds") };
	schedule 2sec { tick("two seconds") };
	schedule 1min { tick("one minute") };
	schedule 10sec { tick("ten seconds") };
	event tick("immediate");
	print "zeek_init done";
	}

event zeek_done()
	{
	print "zeek_done";
	}
