# Parse-time error: && does not accept a count operand
# @EXIT: 1
event zeek_init()
	{
	local n = 1;
	if ( n && T )
		print "yes";
	}
