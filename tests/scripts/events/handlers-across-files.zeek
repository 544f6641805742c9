# Bodies for one event may live in several files; with equal priority they run in load order.
@load extra_handlers

event ping(n: count)
	{
	print "main file handler", n;
	}

event zeek_init()
	{
	print "zeek_init from main file";
	event ping(1);
	}
