# A failing assert in top-level code is fatal: status 1 and nothing else runs.
# @EXIT: 1
global x = 2;

event zeek_init()
	{
	print "zeek_init must not run";
	}

print "before";
assert x == 2;
assert x > 5, "x is too small";
print "after";
