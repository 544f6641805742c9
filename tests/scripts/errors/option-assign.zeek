# Options cannot be assigned from script code (only redef'd or changed through the config framework).
# @EXIT: 1
option verbose = F;

event zeek_init()
	{
	verbose = T;
	}
