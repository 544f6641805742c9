# A negated literal must fit an int: -2^63 does, anything below it is an error.
# @EXIT: 1
global lowest = -9223372036854775808;
global below = -9223372036854775809;
