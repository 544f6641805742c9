# Large tables looked up with keys in even steps (where lookup sites guess the next key and
# prefetch it), with steps that change, negative int steps, misses and &default.

event zeek_init()
	{
	local t: table[count] of count = table();
	local i: count = 0;

	# 70000 entries: the slot array is big enough for lookup sites to guess ahead.
	while ( i < 70000 )
		{
		t[i * 5] = i;
		++i;
		}

	local sum = 0;
	local hits = 0;
	i = 0;
	while ( i < 70000 )
		{
		sum += t[i * 5];
		if ( i * 2 in t )
			++hits;
		++i;
		}
	print "steady steps", sum, hits;

	# Steps that change every few lookups: a guess is sometimes wrong.
	sum = 0;
	hits = 0;
	local k = 0;
	i = 0;
	while ( i < 30000 )
		{
		k += (i % 3 == 0) ? 10 : 5;
		if ( k in t )
			{
			sum += t[k];
			++hits;
			}
		++i;
		}
	print "changing steps", sum, hits;

	# The same key again and again (a step of zero).
	sum = 0;
	i = 0;
	while ( i < 1000 )
		{
		sum += t[35];
		++i;
		}
	print "same key", sum;

	# Int keys walked downwards across zero, with a &default for the misses.
	local d: table[int] of int &default = -1;
	local j = -40000;
	while ( j < 40000 )
		{
		d[j] = j * 2;
		j += 1;
		}
	local isum: int = 0;
	local misses = 0;
	j = 45000;
	while ( j > -45000 )
		{
		local v = d[j];
		if ( v == -1 && j != -1 )
			++misses;
		else
			isum += v;
		j -= 3;
		}
	print "int steps down", isum, misses, |d|;
	}
