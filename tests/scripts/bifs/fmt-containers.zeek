# fmt("%s") renders containers: vectors inline, sets and tables on tab-indented lines (escaped when printed).
event zeek_init()
	{
	print fmt("%s", vector(3, 1, 2));
	print fmt("%s", vector("x", "y"));
	print fmt("%s", set(7));
	print fmt("%s", set("solo"));
	print fmt("%s", table([1] = "one"));
	print fmt("%s", table(["k"] = 5));

	local empty_set: set[count] = set();
	local empty_vec: vector of count = vector();
	print fmt("<%s>", empty_set);
	print fmt("<%s>", empty_vec);
	print |fmt("%s", set(7))|;
	}
