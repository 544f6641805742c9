# while loops with next (skip to the next test) and break (leave the loop).
event zeek_init()
	{
	local i = 0;
	local odd_sum = 0;

	while ( i < 10 )
		{
		++i;

		if ( i % 2 == 0 )
			next;

		if ( i > 7 )
			break;

		odd_sum += i;
		print "odd", i;
		}

	print "i", i, "odd_sum", odd_sum;

	while ( F )
		print "never";
	}
