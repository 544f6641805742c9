# Failed string conversions name the call (with its default arguments) and the input.
function parse(s: string): addr
	{
	return to_addr(s);
	}

event zeek_done()
	{
	print parse("not an IP");
	print to_double("1.5x"), to_count("12abc"), to_int(" 7 ");
	}
