# @if conditions are evaluated at parse time, so they must not refer to local variables.
# @EXIT: 1
event zeek_init()
	{
	local flag = T;
@if ( flag )
	print "flag set";
@endif
	}
