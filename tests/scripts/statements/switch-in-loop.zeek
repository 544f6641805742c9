# break inside a switch leaves only the switch; the enclosing loop keeps going.
event zeek_init()
	{
	local words = vector("alpha", "stop", "beta", "skip", "gamma");
	local seen = 0;

	for ( i in words )
		{
		switch ( words[i] ) {
		case "stop":
			print "stop seen, switch left";
			break;
		case "skip":
			print "skip seen";
			break;
		default:
			print "word", words[i];
			break;
		}

		++seen;
		}

	print "loop finished", seen;
	}
