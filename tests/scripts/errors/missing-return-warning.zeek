# A non-void function that ends without returning a value triggers a runtime warning.
function classify(n: count): string
	{
	if ( n > 10 )
		return "big";
	}

event zeek_init()
	{
	print classify(20);
	classify(3);
	print "after";
	}
