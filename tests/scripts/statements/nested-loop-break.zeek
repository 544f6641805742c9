# break and next only affect the innermost enclosing loop.
event zeek_init()
	{
	local rows = vector(1, 2, 3);
	local cols = vector(1, 2, 3, 4);

	for ( ri in rows )
		{
		for ( ci in cols )
			{
			if ( cols[ci] == 2 )
				next;

			if ( cols[ci] > rows[ri] + 1 )
				break;

			print fmt("row %d col %d", rows[ri], cols[ci]);
			}

		print fmt("end of row %d", rows[ri]);
		}
	}
