# Declarations must precede all top-level statements; a later global declaration is a syntax error.
# @EXIT: 1
global a = 1;
print a;
global b = 2;
