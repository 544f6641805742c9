# Initializing a vector from a set constructor is a type clash in assignment.
# @EXIT: 1
event zeek_init()
	{
	local names: vector of string = set("a", "b");
	print names;
	}
