# Parse-time error: assigning a string to a count variable
# @EXIT: 1
event zeek_init()
	{
	local n: count = "ten";
	print n;
	}
