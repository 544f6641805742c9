# zeek_init bodies run from the highest to the lowest &priority (default 0).
event zeek_init() &priority=-7
	{
	print "priority -7";
	}

event zeek_init()
	{
	print "priority 0 (default)";
	}

event zeek_init() &priority=12
	{
	print "priority 12";
	}

event zeek_init() &priority=3
	{
	print "priority 3";
	}
