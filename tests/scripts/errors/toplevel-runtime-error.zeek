# A runtime error in top-level code is fatal: Zeek reports it and exits with status 1.
# @EXIT: 1
global t: table[string] of count = { ["x"] = 1 };

event zeek_init()
	{
	print "zeek_init must not run";
	}

print "before", t["x"];
print t["y"];
print "after";
