# @load-sigs accepts a signature file; without traffic it has no visible effect on the script.
@load-sigs ./probe.sig

event zeek_init()
	{
	print "zeek_init";
	}

print "signatures loaded";
