# strip removes surrounding whitespace; lstrip/rstrip remove a chosen character set from one side.
event zeek_init()
	{
	print fmt("[%s]", strip("  padded \t\n"));
	print fmt("[%s]", strip("   "));
	print fmt("[%s]", strip(""));
	print fmt("[%s]", lstrip("  left "));
	print fmt("[%s]", rstrip("  right "));
	print fmt("[%s]", lstrip("xxhixx", "x"));
	print fmt("[%s]", rstrip("xxhixx", "x"));
	print fmt("[%s]", lstrip("abcabcz", "cba"));
	print fmt("[%s]", rstrip("path///", "/"));
	}
