# Bare and nested blocks run in sequence; outer locals are visible inside inner blocks.
event zeek_init()
	{
	local outer = 10;

	if ( outer > 5 )
		{
		local inner = outer * 2;
		print "inner", inner;

			{
			local deeper = inner + outer;
			print "deeper", deeper;
			outer = deeper;
			}
		}

	print "outer", outer;
	}
