# string_fill repeats a source and NUL-terminates; reverse flips bytes; count_substr counts non-overlapping hits.
event zeek_init()
	{
	local filled = string_fill(7, "ab");
	print filled, |filled|;
	print string_fill(4, "xyz");
	print reverse("stressed");
	print fmt("[%s]", reverse(""));
	print count_substr("abababa", "aba");
	print count_substr("mississippi", "ss");
	print count_substr("abc", "z");
	}
