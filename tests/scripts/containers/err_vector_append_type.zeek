# Parse-time error: appending a string to a vector of count
# @EXIT: 1
event zeek_init()
	{
	local v: vector of count;
	v += 1;
	v += "x";
	print v;
	}
