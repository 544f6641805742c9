# table_keys returns the index set, table_values the yields; clear_table empties a table in place.
event zeek_init()
	{
	local ages: table[string] of count = { ["ann"] = 31, ["bob"] = 27, ["cy"] = 45 };

	local names: set[string] = table_keys(ages);
	print |names|, "bob" in names, "zed" in names;

	local vals: vector of count = table_values(ages);
	sort(vals);
	print vals;

	clear_table(ages);
	print |ages|, |names|;

	ages["dee"] = 50;
	print ages["dee"], |ages|;
	}
