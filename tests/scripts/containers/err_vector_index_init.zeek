# Runtime error in zeek_init: out-of-range vector index makes initialization fail (exit 1)
# @EXIT: 1
event zeek_init()
	{
	local v = vector(1, 2, 3);
	print v[2];
	print v[5];
	print "not reached";
	}
