# The null statement ";" is accepted wherever a statement may appear.
function nothing()
	{
	;
	}

event zeek_init()
	{
	local v = vector(1, 2);
	;

	for ( i in v )
		;

	if ( |v| > 1 )
		;
	else
		print "never";

	{ ; }
	nothing();
	print "still here";
	}
