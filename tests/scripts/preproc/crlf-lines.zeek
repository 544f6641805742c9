# Scripts with CRLF line endings parse like LF ones.
global n = 3;

event zeek_init()
	{
	print "zeek_init", n + 1;
	}

@if ( n == 3 )
print "crlf @if works";
@endif
