# Assigning past the end of a vector leaves holes that print empty and are skipped by loops
event zeek_init()
	{
	local v = vector(1, 2);
	v[5] = 6;
	print v, |v|;
	print 3 in v, 5 in v;
	local n = 0;
	for ( i in v )
		++n;
	print n;
	for ( i, x in v )
		print i, x;
	local s: vector of string;
	s[2] = "c";
	print s, |s|;
	}
