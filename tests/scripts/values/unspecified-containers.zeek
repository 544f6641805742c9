# Constructors with nothing that gives their type (no elements, no declared type) make Zeek's
# unspecified containers, whose type names have an empty index list; with a declared type
# they take that type.
event zeek_init()
	{
	print type_name(set()), type_name(table()), type_name(vector());

	local any_vec: vector of any = vector();
	local counts: set[count] = set();
	local named: table[string] of count = table();
	print type_name(any_vec), type_name(counts), type_name(named);
	print type_name(vector(1, 2)), type_name(set("a"));

	# An unspecified vector still takes elements.
	local v = vector();
	v[0] = "x";
	v += "y";
	print v, |v|;
	}
