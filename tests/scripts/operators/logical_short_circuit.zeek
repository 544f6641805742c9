# && and || short-circuit: the right operand is only evaluated when needed
global calls = 0;

function note(b: bool): bool
	{
	++calls;
	print fmt("note(%s)", b);
	return b;
	}

event zeek_init()
	{
	print F && note(T);
	print T || note(F);
	print calls;
	print T && note(F);
	print F || note(T);
	print calls;
	print !(T && F), !T || T, !F && !F;
	}
