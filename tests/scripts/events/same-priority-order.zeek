# Handler bodies with equal priority run in the order in which they were defined.
global tally: event(n: count);

event tally(n: count)
	{
	print "first body", n;
	}

event tally(n: count)
	{
	print "second body", n * 2;
	}

event tally(n: count) &priority=0
	{
	print "third body", n * 3;
	}

event zeek_init()
	{
	event tally(7);
	}
