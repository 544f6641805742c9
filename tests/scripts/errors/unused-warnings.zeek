# A script event nothing can raise, and an uncalled non-exported module function, draw usage warnings.
event orphan(n: count)
	{
	print "never raised", n;
	}

module Tools;

function helper(): count
	{
	return 1;
	}

event zeek_init()
	{
	print "the script still runs";
	}
