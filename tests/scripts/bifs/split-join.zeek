# split_string variants split on a pattern; join_string_vec glues a string vector back together.
event zeek_init()
	{
	print split_string("a,b,,c", /,/);
	print split_string("no separators here", /;/);
	print split_string("trailing,", /,/);
	print split_string1("key=value=more", /=/);
	print split_string_all("1+2-3", /[+-]/);
	print split_string_n("a b c d", / /, F, 2);
	print split_string_n("a b c d", / /, T, 1);

	local parts = split_string("x.y.z", /\./);
	print |parts|, parts[2];
	print join_string_vec(parts, "::");
	print join_string_vec(vector("solo"), ", ");

	local none: vector of string = vector();
	print fmt("[%s]", join_string_vec(none, "-"));
	}
