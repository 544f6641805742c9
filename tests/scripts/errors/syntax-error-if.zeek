# An if statement without parentheses is a syntax error at the first token after "if".
# @EXIT: 1
event zeek_init()
	{
	local n = 4;

	if n > 3
		print "big";
	}
