# += and -= on sets and tables with another container or a constructor list
event zeek_init()
	{
	local s = set("a");
	s += set("b", "c");
	s += { "d" };
	print |s|, "d" in s;
	s -= set("a", "b", "zzz");
	print |s|, "a" in s, "c" in s;
	local t: table[count] of string = { [1] = "x" };
	t += table([2] = "y", [3] = "z");
	print |t|, t[3];
	t -= table([1] = "ignored-value");
	print |t|, 1 in t;
	delete s;
	print |s|;
	}
