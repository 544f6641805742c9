# &default given as a function of the missing key
function fallback(k: string): string
	{
	return "no-" + k;
	}

global labels: table[string] of string &default=fallback;
global lengths: table[string] of count &default=function(k: string): count { return |k| * 10; };

event zeek_init()
	{
	labels["x"] = "ex";
	print labels["x"], labels["y"], labels["zed"];
	print |labels|;
	print lengths["abc"], lengths[""];
	lengths["abc"] = 1;
	print lengths["abc"], |lengths|;
	}
