# `next` outside a for or while loop is rejected before anything runs, even inside a switch.
# @EXIT: 1
function pick(s: string)
	{
	switch s {
		case "a":
			print "a";
			next;
	}
	}

event zeek_init()
	{
	pick("a");
	}
