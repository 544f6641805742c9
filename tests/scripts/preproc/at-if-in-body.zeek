# Conditional directives may appear inside function and handler bodies.
global debug = T;

function report(): string
	{
	local s = "report";
@if ( debug )
	s += " (debug)";
@endif
	return s;
	}

event zeek_init()
	{
	print report();
@if ( ! debug )
	print "debug is off";
@else
	print "debug is on";
@endif
	}
