# An unclosed brace runs into the end of the file.
# @EXIT: 1
event zeek_init()
	{
	print "never printed";
