# A global whose initializer has the wrong type is a type clash in assignment.
# @EXIT: 1
global label: string = 5;

event zeek_init()
	{
	print label;
	}
