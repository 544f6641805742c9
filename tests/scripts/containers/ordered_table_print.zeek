# &ordered tables and sets print and iterate in insertion order
global tbl: table[string] of count &ordered;
global names: set[string] &ordered;

event zeek_init()
	{
	tbl["zulu"] = 26;
	tbl["alpha"] = 1;
	tbl["mike"] = 13;
	print tbl;
	for ( k, v in tbl )
		print k, v;
	add names["b"];
	add names["c"];
	add names["a"];
	print names;
	delete tbl["alpha"];
	tbl["alpha"] = 100;
	print tbl;
	}
