# An @endif without a matching @if is an error and the script does not run.
# @EXIT: 1
@if ( T )
print "inside";
@endif
@endif
print "after";
