# Printing patterns built with | (disjunction) and & (concatenation)
event zeek_init()
	{
	local a = /cat/;
	local b = /dog/;
	local either = a | b;
	local both = a & b;
	print either;
	print both;
	print "dog" == either, "catdog" == both, "dogcat" == both;
	}
