# @pragma push/pop keep a stack: unknown pragmas and unknown pushed names are warnings, a pop
# naming something else than the top is an error (loading goes on, the run fails).
# @EXIT: 1
@pragma push ignore-deprecations
@pragma no-such-pragma
@pragma push    my-own-setting
print "never runs";
@pragma pop other-setting
@pragma pop     ignore-deprecations
