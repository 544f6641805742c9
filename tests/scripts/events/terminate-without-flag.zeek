# Without exit_only_after_terminate, terminate() in zeek_init returns T and the run finishes normally.
event after()
	{
	print "queued event still runs";
	}

event zeek_init()
	{
	print terminate();
	event after();
	}

event zeek_done()
	{
	print "zeek_done";
	}
