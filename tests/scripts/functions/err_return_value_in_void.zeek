# Parse-time error: a function without a return type cannot return a value
# @EXIT: 1
function show(n: count)
	{
	print n;
	return 5;
	}

event zeek_init()
	{
	show(1);
	}
