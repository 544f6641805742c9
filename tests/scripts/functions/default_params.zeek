# Parameters with &default values may be omitted from the right
function banner(text: string, fill: string &default="*", width: count &default=3): string
	{
	local edge = "";
	local i = 0;
	while ( i < width )
		{
		edge += fill;
		++i;
		}
	return edge + text + edge;
	}

function scale(x: double, factor: double &default=2): double
	{
	return x * factor;
	}

event zeek_init()
	{
	print banner("a");
	print banner("b", "-");
	print banner("c", "=", 1);
	print scale(1.5), scale(1.5, 3);
	}
