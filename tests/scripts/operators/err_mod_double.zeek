# Parse-time error: modulo is only defined for integral operands
# @EXIT: 1
event zeek_init()
	{
	local x = 5.5;
	print x % 2;
	}
