# An undeclared name in a global initializer is reported as an unknown identifier at parse time.
# @EXIT: 1
global base = 2;
global total = base + missing_value;

event zeek_init()
	{
	print total;
	}
