# @if blocks nest; everything inside a skipped block, including inner conditionals, is ignored.
@if ( F )
	@if ( T )
	print "inner of skipped outer";
	@else
	print "else of skipped outer";
	@endif
print "skipped outer body";
@else
	@if ( 1 + 1 == 2 )
	print "nested true branch";
	@else
	print "nested false branch";
	@endif
print "outer else body";
@endif

print "after all conditionals";
