# Parse-time error: referring to an identifier that was never declared
# @EXIT: 1
event zeek_init()
	{
	local known = 1;
	print known;
	print unknown_thing;
	}
