# Loading a script that cannot be found is a fatal error reported at the @load line.
# @EXIT: 1
print "never printed";

@load no_such_script_anywhere

print "also never printed";
