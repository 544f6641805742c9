# Parse-time error: a const cannot be assigned to, even inside a handler
# @EXIT: 1
const limit = 10;

event zeek_init()
	{
	print limit;
	limit = 20;
	print limit;
	}
