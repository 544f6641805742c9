# Loaded by handlers-across-files.zeek.
event ping(n: count)
	{
	print "loaded file handler", n;
	}

event zeek_init()
	{
	print "zeek_init from loaded file";
	}
