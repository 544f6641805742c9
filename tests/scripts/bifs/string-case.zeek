# Case conversions: to_upper, to_lower, to_title (after spaces only) and swap_case.
event zeek_init()
	{
	print to_upper("Hello, World 42");
	print to_lower("MiXeD CaSe");
	print to_title("the quick  brown fox");
	print to_title("x-ray o'neil");
	print to_title("   ");
	print swap_case("Zeek Rules 2");
	print to_upper("");
	}
