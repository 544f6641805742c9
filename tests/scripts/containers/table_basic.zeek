# Table assignment, lookup, overwrite, membership, size and delete
event zeek_init()
	{
	local t: table[string] of count;
	print |t|;
	t["one"] = 1;
	t["two"] = 2;
	t["three"] = 3;
	print |t|, t["two"];
	t["two"] = 22;
	print |t|, t["two"];
	print "one" in t, "four" in t;
	delete t["one"];
	delete t["missing"];
	print |t|, "one" in t;
	delete t["two"];
	print t;
	}
