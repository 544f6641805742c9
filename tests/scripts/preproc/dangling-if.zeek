# An @if that is still open at the end of the file is a fatal error.
# @EXIT: 1
print "start";

@if ( 2 > 1 )
print "true branch";
@else
print "false branch";
