# A runtime error inside a called function also aborts the calling handler body.
global counts: table[string] of count = { ["a"] = 1 };

function lookup(k: string): count
	{
	return counts[k];
	}

event check()
	{
	print "a is", lookup("a");
	print "b is", lookup("b");
	print "not reached";
	}

event zeek_init()
	{
	schedule 1sec { check() };
	}

event zeek_done()
	{
	print "zeek_done";
	}
