# cat concatenates the plain renderings of its arguments; cat_sep adds a separator and a default for empty strings.
event zeek_init()
	{
	print cat("a", 1, T, 2.5);
	print cat();
	print cat(vector(1, 2), "|", 10.0.0.1, "|", 3min, "|", 53/udp);
	print cat_sep(", ", "-", "x", 7, F);
	print cat_sep("/", "<empty>", "a", "", "c");
	print cat_sep("+", "none");
	print cat_sep("", "?", "no", "sep");
	print |cat("abc", 123)|;
	}
