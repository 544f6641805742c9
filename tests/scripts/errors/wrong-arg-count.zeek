# Calling a function with too many arguments is rejected before anything runs.
# @EXIT: 1
# @LOOSE-STDERR
function add_two(a: count, b: count): count
	{
	return a + b;
	}

event zeek_init()
	{
	print add_two(1, 2, 3);
	}
