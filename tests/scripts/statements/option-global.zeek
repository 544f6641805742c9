# option globals are constants for scripts but can be changed with redef.
option verbose = F;
option level = 2;
option greeting = "hi";

redef level = 7;

event zeek_init()
	{
	print verbose, level, greeting;

	if ( level > 5 )
		print "level is high";
	}
