# After a top-level statement, "event name(...)" is an event statement, so a handler body there is a syntax error.
# @EXIT: 1
print "start";

event zeek_init()
	{
	print "never";
	}
