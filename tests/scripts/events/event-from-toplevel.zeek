# Once top-level statements have begun, "event e(...);" is an event statement; the event is queued behind zeek_init.
event early(s: string)
	{
	print "early event", s;
	}

event zeek_init()
	{
	print "zeek_init";
	}

event zeek_done()
	{
	event early("from zeek_done");
	}

print "top-level start";
event early("from top level");
print "top-level done";
