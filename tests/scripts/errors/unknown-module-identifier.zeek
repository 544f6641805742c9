# A module-qualified name that does not exist is an unknown identifier too.
# @EXIT: 1
event zeek_init()
	{
	Nowhere::run();
	}
