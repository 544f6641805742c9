# @if evaluates a constant expression at parse time and keeps either the @if or the @else part.
const mode = "fast" &redef;
global level = 3;

function is_big(n: count): bool
	{
	return n > 100;
	}

@if ( mode == "fast" )
print "fast mode";
@else
print "slow mode";
@endif

@if ( level > 5 )
print "high level";
@endif

@if ( is_big(level) || T )
print "function call in @if works";
@else
this text is never parsed
@endif
