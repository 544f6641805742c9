# cat_sep needs a string separator and a string default before its values; otherwise it
# reports the call and yields an empty string.
event zeek_done()
	{
	print cat_sep(", ", "-", 1, "", T);
	print "[" + cat_sep("x") + "]";
	print "[" + cat_sep(3, "-", "a") + "]";
	print "[" + cat_sep("/", vector(1), "a") + "]";
	}
