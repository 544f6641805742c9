# Printing of enum values declared in the global module, and redef'd enum values
type Color: enum { RED, GREEN, BLUE };
redef enum Color += { PURPLE };

event zeek_init()
	{
	local c = GREEN;
	print c;
	print RED, BLUE, PURPLE;
	print type_name(c);
	print vector(BLUE, RED);
	print c == GREEN, c != BLUE;
	local s: set[Color] = { PURPLE };
	print s;
	}
