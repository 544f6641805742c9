# Parse-time error: counts do not convert to enums
# @EXIT: 1
type Level: enum { LOW, HIGH };

event zeek_init()
	{
	local l: Level = 1;
	print l;
	}
