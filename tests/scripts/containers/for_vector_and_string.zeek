# for (i in v), for (i, x in v) and for (c in "str") iteration orders
event zeek_init()
	{
	local v = vector("p", "q", "r");
	for ( i in v )
		print i, v[i];
	for ( i, x in v )
		print fmt("%d:%s", i, x);
	for ( _, x in v )
		print x;
	for ( c in "zeek" )
		print c;
	local chars: vector of string;
	for ( c in "a\x00b" )
		chars += c;
	print chars, |chars|;
	local n = 0;
	for ( c in "" )
		++n;
	print n;
	}
