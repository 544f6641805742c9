# sub_bytes (1-based, clamped), strstr (1-based, 0 if missing), find_str and rfind_str (0-based, -1 if missing).
event zeek_init()
	{
	print sub_bytes("abcdef", 2, 3);
	print sub_bytes("abcdef", 0, 2);
	print sub_bytes("abcdef", 5, 10);
	print sub_bytes("abcdef", 3, -1);
	print fmt("[%s]", sub_bytes("abcdef", 9, 1));
	print strstr("haystack", "st");
	print strstr("haystack", "zz");
	print find_str("banana", "an");
	print find_str("banana", "an", 2);
	print find_str("banana", "AN", 0, -1, F);
	print find_str("banana", "x");
	print rfind_str("banana", "an");
	print rfind_str("banana", "b", 1);
	}
