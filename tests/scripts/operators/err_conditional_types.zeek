# Parse-time error: the branches of ?: must have compatible types
# @EXIT: 1
event zeek_init()
	{
	local flag = T;
	print flag ? "yes" : 0;
	}
