# fmt copies literal text and expands %s, %d, %x and %%.
event zeek_init()
	{
	print fmt("plain text");
	print fmt("%s and %s", "cats", "dogs");
	print fmt("%d items", 42);
	print fmt("%d", -17);
	print fmt("%x", 255);
	print fmt("%x", 3735928559);
	print fmt("100%%");
	print fmt("%d%% of %s", 50, "total");
	print fmt("%s|%s|%s|%s", T, 1.5, 22/udp, 2.0);
	print fmt("%d", 8080/tcp);
	print fmt("%d", T);
	print fmt("%x", 10.1.2.3);
	print fmt("%s", 10.1.2.3);
	print fmt("[%s]", "");
	print fmt();
	print "end";
	}
