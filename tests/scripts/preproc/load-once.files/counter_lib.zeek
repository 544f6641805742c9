# Must only be parsed once, however often it is loaded.
global loads = 0;
++loads;
print "counter_lib body executed";
