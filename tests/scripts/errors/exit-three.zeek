# exit(3) terminates with status 3 after the output produced so far.
# @EXIT: 3
event zeek_init()
	{
	print "about to exit";
	exit(3);
	}

event zeek_done()
	{
	print "zeek_done must not run";
	}
