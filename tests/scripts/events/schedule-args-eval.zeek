# The arguments of a scheduled event are evaluated when the schedule statement executes.
global counter = 0;

event show(v: count)
	{
	print "scheduled with", v, "counter is now", counter;
	}

event zeek_init()
	{
	counter = 1;
	schedule 2sec { show(counter) };
	counter = 2;
	schedule 1sec { show(counter) };
	counter = 3;
	}
