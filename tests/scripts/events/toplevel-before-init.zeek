# Top-level statements (which follow all declarations) run first, in source order, before zeek_init.
event zeek_init()
	{
	print "zeek_init handler";
	}

event zeek_done()
	{
	print "zeek_done handler";
	}

print "top-level one";
print "top-level two";
