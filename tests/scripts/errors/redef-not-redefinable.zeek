# redef of a global that lacks &redef is rejected.
# @EXIT: 1
global port_limit = 5;
redef port_limit = 6;

print port_limit;
