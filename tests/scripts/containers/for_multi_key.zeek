# for ([a, b] in t) and for ([a, b], v in t) destructure multi-part keys
event zeek_init()
	{
	local scores: table[string, count] of double;
	scores["x", 1] = 0.5;
	scores["y", 2] = 1.25;
	scores["z", 3] = 2.0;
	local idsum = 0;
	for ( [name, id] in scores )
		idsum += id;
	print idsum;
	local total = 0.0;
	for ( [name, id], s in scores )
		total += s * id;
	print total;
	local one: table[string, count] of double = { ["only", 9] = 4.5 };
	for ( [name, id], s in one )
		print name, id, s;
	for ( [_, id] in one )
		print id;
	}
