# String printing: control and non-ASCII bytes become \xHH, quotes and backslashes stay raw
event zeek_init()
	{
	print "plain text";
	print "tab\there";
	print "line\nbreak\r";
	print "quote\"inside";
	print "back\\slash";
	print "hex \x41\x42\x43";
	print "octal \101\60";
	print "nul\x00byte";
	print "high \xff\x80 and del \x7f";
	print "tilde ~ and space";
	print "";
	print "bell\a and \x1b[0m";
	}
