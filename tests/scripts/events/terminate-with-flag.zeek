# With exit_only_after_terminate, terminate() stops the run loop; pending timers fire, then zeek_done.
redef exit_only_after_terminate = T;

event late()
	{
	print "late timer fired";
	}

event zeek_init()
	{
	print "init";
	schedule 10min { late() };
	print terminate();
	}

event zeek_done()
	{
	print "done", terminate();
	}
