# ljust, rjust and zfill pad to a width (never truncate); remove_prefix/remove_suffix strip repeated affixes.
event zeek_init()
	{
	print fmt("[%s]", ljust("ab", 5));
	print fmt("[%s]", ljust("ab", 5, "."));
	print fmt("[%s]", rjust("ab", 5, "*"));
	print fmt("[%s]", rjust("abcdef", 3));
	print fmt("[%s]", zfill("42", 5));
	print fmt("[%s]", zfill("12345", 2));
	print remove_prefix("banana", "ba");
	print remove_prefix("aaab", "a");
	print remove_prefix("banana", "na");
	print remove_suffix("report.txt.txt", ".txt");
	print remove_suffix("banana", "ba");
	}
