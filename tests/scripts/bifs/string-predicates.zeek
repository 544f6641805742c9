# starts_with, ends_with and the is_num / is_alpha / is_alnum character-class checks.
event zeek_init()
	{
	print starts_with("filename.txt", "file"), starts_with("filename.txt", "name");
	print ends_with("filename.txt", ".txt"), ends_with("a", "abc");
	print starts_with("abc", ""), ends_with("abc", "");
	print is_num("0123"), is_num("12a"), is_num("");
	print is_alpha("Zeek"), is_alpha("Zeek1"), is_alpha("");
	print is_alnum("Zeek1"), is_alnum("a b"), is_alnum("");
	}
