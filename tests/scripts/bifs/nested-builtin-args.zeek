# Builtin calls nested in builtin arguments, and an argument whose evaluation fails: the error
# aborts that handler only, and later calls get their arguments right.
global t: table[count] of string = { [1] = "one" };

event go()
	{
	print fmt("%s and %s", t[1], fmt("x%sx", t[99]));
	print "not reached";
	}

event after()
	{
	print fmt("%s|%s|%s", "p", cat(1, 2, fmt("%d", 3)), "q");
	print string_cat("a", cat("b", "c"), fmt("%s", "d"));
	}

event zeek_done()
	{
	print fmt("%s-%s", fmt("<%d>", 7), cat("a", fmt("%s", to_upper("b")), |fmt("%d", 12345)|));
	event go();
	event after();
	}
