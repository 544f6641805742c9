# Table entries expire on the wall clock: &create_expire with an &expire_func that first asks for more time.
redef exit_only_after_terminate = T;
redef table_expire_interval = 0.05 secs;

global extensions = 0;

function gone(t: table[string] of count, k: string): interval
	{
	if ( extensions < 2 )
		{
		++extensions;
		print "extend", k, extensions;
		return 0.1 secs;
		}
	print "expire", k;
	return 0 secs;
	}

global seen: table[string] of count &create_expire=0.1 secs &expire_func=gone;

event check()
	{
	print "left", |seen|;
	terminate();
	}

event zeek_init()
	{
	seen["host"] = 1;
	schedule 1.5 secs { check() };
	}
