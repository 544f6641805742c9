# A runtime error after initialization aborts only the current handler body; other bodies run and the exit status stays 0.
global names: table[count] of string = { [1] = "one" };

event zeek_done() &priority=5
	{
	print "lookup start";
	print names[3];
	print "not reached";
	}

event zeek_done()
	{
	print "next handler runs", names[1];
	}
