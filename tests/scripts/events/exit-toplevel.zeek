# exit() in top-level code stops before zeek_init ever runs.
event zeek_init()
	{
	print "zeek_init must not run";
	}

print "top-level";
exit(0);
print "unreached";
