# A local const cannot be assigned after its initialization.
# @EXIT: 1
event zeek_init()
	{
	const lim = 5;
	print lim;
	lim = 6;
	}
