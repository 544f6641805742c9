# A non-void function that falls off its end produces a runtime warning (no location) but no error
function classify(n: count): string
	{
	if ( n > 10 )
		return "big";
	}

event zeek_init()
	{
	print classify(50);
	classify(3);
	print "done";
	}
