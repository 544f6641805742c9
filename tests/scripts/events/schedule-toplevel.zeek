# A schedule statement at top level behaves like one in zeek_init; the timers fire by timestamp.
event later(n: count)
	{
	print "later", n;
	}

event zeek_init()
	{
	print "init";
	schedule 3sec { later(3) };
	}

schedule 5sec { later(5) };
print "top-level";
