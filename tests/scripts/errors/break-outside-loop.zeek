# break outside of any loop, switch or hook is rejected when the parsed scripts are validated.
# @EXIT: 1
function leave(n: count)
	{
	if ( n > 2 )
		break;

	print n;
	}

event zeek_init()
	{
	leave(1);
	}
