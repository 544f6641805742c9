# Parse-time error: a local declared inside a block is not usable after the block; reported at its declaration
# @EXIT: 1
function pick(flag: bool): string
	{
	if ( flag )
		{
		local result = "branch";
		}
	return result;
	}

event zeek_init()
	{
	print pick(T);
	}
