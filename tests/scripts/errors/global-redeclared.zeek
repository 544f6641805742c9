# Declaring the same global twice is an error naming both locations.
# @EXIT: 1
global counter = 1;
global counter = 2;

print counter;
