# @EXIT: 1
# `redef T += {...}` naming a type: Zeek's messages for a missing record/enum keyword, for
# container types that cannot be redefined, and a syntax error for a built-in type.
type R: record { a: count; };
type E: enum { ONE };
type S: set[string];
type V: vector of string;

redef R += { b: string; };
redef E += { TWO };
redef E: enum += { THREE };
redef S += { &log };
redef V += { "x" };
redef count += { 1 };
