# Measures: table insert / lookup / membership / iteration / delete on table[count] of count and table[string] of count.

global N: count = 300000;   # count-keyed entries
global S: count = 150000;   # string-keyed entries

event zeek_init()
	{
	local t: table[count] of count = table();
	local i: count = 0;

	# Insert N keys (spread out: multiples of 7).
	while ( i < N )
		{
		t[i * 7] = i;
		++i;
		}

	print |t|;

	# Look every key up, and probe N keys that are mostly absent.
	local sum: count = 0;
	local hits: count = 0;
	i = 0;
	while ( i < N )
		{
		sum += t[i * 7];

		if ( (i * 3) in t )
			++hits;

		++i;
		}

	print sum, hits;

	# Iterate over the keys.
	local ksum: count = 0;
	for ( k in t )
		ksum += k;

	print ksum;

	# Delete every key.
	i = 0;
	while ( i < N )
		{
		delete t[i * 7];
		++i;
		}

	print |t|;

	# Same again with string keys.
	local st: table[string] of count = table();
	i = 0;
	while ( i < S )
		{
		st[fmt("key%d", i)] = i;
		++i;
		}

	# Probe S keys, half of them absent.
	local ssum: count = 0;
	local shits: count = 0;
	local key: string;
	i = 0;
	while ( i < S )
		{
		key = fmt("key%d", i * 2);

		if ( key in st )
			{
			ssum += st[key];
			++shits;
			}

		++i;
		}

	print |st|, ssum, shits;

	local sksum: count = 0;
	for ( sk in st )
		sksum += |sk|;

	i = 0;
	while ( i < S )
		{
		delete st[fmt("key%d", i)];
		++i;
		}

	print sksum, |st|;
	}
