# Hook bodies run by priority; a break stops the remaining bodies and the hook call yields F.
global check: hook(n: count);

hook check(n: count) &priority=10
	{
	print "high", n;
	}

hook check(n: count) &priority=5
	{
	if ( n > 100 )
		break;

	print "middle", n;
	}

hook check(n: count)
	{
	print "low", n;
	}

event zeek_init()
	{
	print hook check(7);
	print hook check(500);
	}
