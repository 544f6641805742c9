# @EXIT: 1
# An expiration attribute needs an interval.
global data: table[count] of string &read_expire="soon";
