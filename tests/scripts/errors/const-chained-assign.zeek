# @EXIT: 1
# Assigning to constants: in a chained assignment the right side's error comes first, as Zeek's
# parser builds it first; ++/-- on a constant are errors too.
const limit = 3;
const other = 4;

event zeek_init()
	{
	local x = 0;
	limit = other = x;
	++limit;
	x = limit;
	}
