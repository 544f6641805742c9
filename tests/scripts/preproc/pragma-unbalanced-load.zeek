# A loaded file must pop what it pushed, before its end.
# @EXIT: 1
@pragma push ignore-deprecations
@pragma pop
@load ./half-open
print "never runs";
