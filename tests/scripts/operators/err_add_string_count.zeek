# Parse-time error: + needs two arithmetic or two string operands
# @EXIT: 1
event zeek_init()
	{
	local label = "abc";
	print label + 5;
	}
