# Numeric conversions: to_count/to_int with bases, to_double, and conversions between count, int and double.
event zeek_init()
	{
	print to_count("42"), to_count("ff", 16), to_count("0x1F", 16), to_count(" 17");
	print to_int("-17"), to_int("777", 8), to_int("+5"), to_int("11", 2);
	print to_double("2.5"), to_double("1e3"), to_double("-0.125");
	print int_to_count(9), double_to_count(3.7), double_to_count(0.2);
	print double_to_int(-2.2), double_to_int(2.6), double_to_int(-2.7);
	print count_to_double(7), int_to_double(-3);
	print type_name(to_int("1")), type_name(double_to_count(1.0)), type_name(count_to_double(1));
	}
