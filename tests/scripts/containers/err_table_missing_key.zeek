# Runtime error after init: indexing a table with a missing key (no &default)
global t: table[count] of string = { [1] = "one" };

event zeek_done()
	{
	print t[1];
	print t[3];
	print "not reached";
	}

event zeek_done()
	{
	print "other handler", |t|;
	}
