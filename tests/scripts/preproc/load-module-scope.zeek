# A module statement in a loaded file does not leak: the loader continues in its own module.
@load mathlib

global name = "main script";

event zeek_init()
	{
	print MathLib::square(12);
	print MathLib::name;
	print name;
	}
