# An error a bif reports while zeek_init runs makes initialization fail (as Zeek without
# ZEEK_ALLOW_INIT_ERRORS): the handler goes on, but the run ends before zeek_done.
# @EXIT: 1
event zeek_init()
	{
	print cat_sep("only one");
	print "zeek_init goes on";
	}

event zeek_done()
	{
	print "not reached";
	}
