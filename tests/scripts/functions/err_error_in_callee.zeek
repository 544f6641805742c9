# Runtime error after init inside a nested call unwinds to the event handler
function lookup(t: table[string] of count, k: string): count
	{
	return t[k];
	}

function total(t: table[string] of count, a: string, b: string): count
	{
	return lookup(t, a) + lookup(t, b);
	}

event zeek_done()
	{
	local t = table(["a"] = 1, ["b"] = 2);
	print total(t, "a", "b");
	print total(t, "a", "zz");
	print "not reached";
	}
