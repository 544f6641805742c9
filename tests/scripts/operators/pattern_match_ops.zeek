# Pattern equality is an exact match, "in" searches anywhere; /i ignores case
event zeek_init()
	{
	local p = /[0-9]+/;
	print "2024" == p, "v2024" == p, p == "42";
	print p in "v2024", p in "none";
	print "ABC" == /abc/i, /abc/i in "xxAbCxx", "ABC" == /abc/;
	print /a|b/ == /a|b/, /a|b/ != /b|a/;
	local words = vector("cat", "cab", "dog");
	local n = 0;
	for ( i in words )
		if ( /^ca/ in words[i] )
			++n;
	print n;
	}
