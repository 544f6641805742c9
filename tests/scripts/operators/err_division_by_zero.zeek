# Runtime error after init: integer division by zero aborts the rest of the handler
global divisor = 0;

event zeek_done()
	{
	local a = 10;
	print "start";
	print a / divisor;
	print "not reached";
	}
