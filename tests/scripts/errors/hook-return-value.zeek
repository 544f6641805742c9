# Returning a value from a hook body is deprecated in Zeek: a warning, and the value is ignored
# (a plain return, or break, are the ways out of a hook).
global check: hook(n: count);

hook check(n: count)
	{
	if ( n > 1 )
		return T;
	print "check", n;
	}

event zeek_init()
	{
	print hook check(1), hook check(2);
	}
