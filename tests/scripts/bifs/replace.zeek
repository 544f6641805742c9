# sub replaces the first pattern match, gsub every match; subst_string replaces plain substrings.
event zeek_init()
	{
	print sub("hello world", /o/, "0");
	print gsub("hello world", /o/, "0");
	print gsub("a.b.c", /\./, "-");
	print sub("nothing to do", /xyz/, "!");
	print gsub("2024-01-15", /[0-9]/, "#");
	print subst_string("one fish two fish", "fish", "cat");
	print subst_string("aaaa", "aa", "b");
	print subst_string("abc", "", "x");
	print subst_string("abc", "abc", "");
	}
