# Printing empty containers and clearing containers with delete
global t: table[count] of string;
global s: set[addr];
global v: vector of int;

event zeek_init()
	{
	print t;
	print s;
	print v;
	print "t", t, |t|;
	t[1] = "one";
	v += -1;
	delete t;
	delete v;
	print t, v;
	print vector(), |vector()|;
	}
