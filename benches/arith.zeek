# Measures: a tight while loop of scalar arithmetic mixing count, int and double (+, -, *, /, %, comparisons).

global N: count = 1500000;

event zeek_init()
	{
	local i: count = 0;
	local a: count = 1;      # LCG state, stays below 2^31
	local b: int = 0;        # random walk, kept inside [-500, 1000]
	local d: double = 0.0;   # accumulator, kept below 100.0
	local hits: count = 0;
	local odd: count = 0;

	while ( i < N )
		{
		a = (a * 1103515245 + 12345) % 2147483648;

		if ( a % 3 == 0 )
			b = b + 7;
		else
			b = b - 2;

		if ( b > 1000 )
			b = b - 1500;

		d = d + (a / 1024) * 0.000001;

		if ( d > 100.0 )
			{
			d = d / 3.0;
			++hits;
			}

		if ( i % 2 == 1 && a > 1073741824 )
			++odd;

		++i;
		}

	print a, b, hits, odd;
	print fmt("%.6f", d);
	}
