# Integer and floating-point division by zero and modulo by zero are runtime errors.
global zero = 0;
global dzero = 0.0;

event div_count()
	{
	local a = 10;
	print "count division";
	print a / zero;
	}

event div_double()
	{
	local d = 1.5;
	print "double division";
	print d / dzero;
	}

event mod_count()
	{
	local m = 7;
	print "modulo";
	print m % zero;
	}

event zeek_init()
	{
	schedule 1sec { div_count() };
	schedule 2sec { div_double() };
	schedule 3sec { mod_count() };
	}

event zeek_done()
	{
	print "zeek_done";
	}
