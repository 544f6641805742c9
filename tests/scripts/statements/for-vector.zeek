# for over a vector yields indexes (or index and value) in order and skips holes.
event zeek_init()
	{
	local v = vector("red", "green", "blue");

	for ( i in v )
		print "index", i;

	for ( i, c in v )
		print i, c;

	local sparse: vector of count;
	sparse[0] = 10;
	sparse[3] = 40;
	print |sparse|;

	for ( i, x in sparse )
		print "sparse", i, x;
	}
