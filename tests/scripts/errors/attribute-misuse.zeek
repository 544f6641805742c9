# &optional belongs to record fields, and an attribute given twice must say the same both
# times (the same attribute repeated identically is accepted).
# @EXIT: 1
global maybe: count &optional;
global twice: table[count] of count &default = 1 &default = 2;
global same: table[count] of count &redef &redef;

function f(n: count &optional)
	{
	local m: count &optional;
	}
