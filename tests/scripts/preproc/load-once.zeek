# Loading the same file again (under any spelling of its path) is skipped.
@load counter_lib
@load counter_lib
@load counter_lib.zeek
@load ./counter_lib

print "loads", loads;
