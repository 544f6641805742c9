# Parse-time error: calling a value that is not a function
# @EXIT: 1
event zeek_init()
	{
	local limit = 5;
	print limit(2);
	}
