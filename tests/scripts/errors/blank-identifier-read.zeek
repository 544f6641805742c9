# The blank identifier `_` may be bound (to ignore a value) but not read.
# @EXIT: 1
module Things;

event zeek_init()
	{
	for ( _, v in vector(1, 2) )
		print v;
	local _ = 3;
	print _;
	}
