# Parse-time error: a negative int cannot initialize a count field
# @EXIT: 1
type Budget: record {
	amount: count &optional;
};

event zeek_init()
	{
	local b = Budget($amount=-20);
	print b;
	}
