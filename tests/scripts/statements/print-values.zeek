# print separates its arguments with ", " and ends the line; printing nothing else is allowed too.
event zeek_init()
	{
	print "text", 42, -7, T, 2.5, 10.0.0.1, 443/tcp, 3min;
	print "";
	print "one argument";
	print "tab\there", "newline\nthere";
	}
