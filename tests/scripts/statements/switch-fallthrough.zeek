# fallthrough continues into the next case body; break leaves the switch.
function steps(n: count): string
	{
	local s = "";

	switch ( n ) {
	case 1:
		s += "one ";
		fallthrough;
	case 2:
		s += "two ";
		fallthrough;
	case 3:
		s += "three";
		break;
	case 4:
		s += "four";
		fallthrough;
	default:
		s += "[default]";
		break;
	}

	return s;
	}

event zeek_init()
	{
	print steps(1);
	print steps(2);
	print steps(3);
	print steps(4);
	print steps(9);
	}
