# @EXIT: 1
# A variable holding a function is redefined like any other variable: only with &redef.
function one() { print "one"; }
function two() { print "two"; }

global swappable = one &redef;
global fixed = one;

redef swappable = two;
redef fixed = two;
