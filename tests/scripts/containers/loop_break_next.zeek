# break and next inside for loops over vectors and tables
event zeek_init()
	{
	local v = vector(1, 2, 3, 4, 5, 6);
	local evens = 0;
	for ( i in v )
		{
		if ( v[i] % 2 == 1 )
			next;
		evens += v[i];
		}
	print evens;
	local first_big = 0;
	for ( _, x in v )
		{
		if ( x > 3 )
			{
			first_big = x;
			break;
			}
		}
	print first_big;
	local t: table[count] of string = { [1] = "a", [2] = "b", [3] = "c" };
	local visited = 0;
	for ( k in t )
		{
		++visited;
		break;
		}
	print visited;
	}
