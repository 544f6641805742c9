# Iterating a table: collect keys and values, then sort for deterministic output
event zeek_init()
	{
	local ages: table[string] of count = {
		["carol"] = 41,
		["alice"] = 30,
		["bob"] = 25
	};
	local keys: vector of string;
	local vals: vector of count;
	for ( k in ages )
		keys += k;
	for ( _, v in ages )
		vals += v;
	sort(keys, strcmp);
	sort(vals);
	print keys;
	print vals;
	local total = 0;
	for ( k, v in ages )
		total += v + |k|;
	print total;
	}
