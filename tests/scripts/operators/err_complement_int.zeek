# Parse-time error: ~ requires a count operand
# @EXIT: 1
event zeek_init()
	{
	local i = -1;
	print ~i;
	}
