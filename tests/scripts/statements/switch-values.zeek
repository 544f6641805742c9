# switch matches constant case labels, allows several values per case and falls back to default.
function describe(n: count): string
	{
	switch ( n ) {
	case 0:
		return "none";
	case 1, 2, 3:
		return "a few";
	case 10:
		return "ten";
	default:
		return "many";
	}
	}

function shade(c: string): string
	{
	local result = "unknown";

	switch ( c ) {
	case "red", "pink":
		result = "warm";
		break;
	case "blue":
		result = "cold";
		break;
	}

	return result;
	}

event zeek_init()
	{
	print describe(0), describe(2), describe(3), describe(10), describe(11);
	print shade("pink"), shade("blue"), shade("green");
	}
