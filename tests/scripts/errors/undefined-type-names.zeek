# An unknown type name, and `void` (not a type scripts may write), are undefined identifiers.
# @EXIT: 1
global a: NoSuchType;

function f(x: void)
	{
	}
