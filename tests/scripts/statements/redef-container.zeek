# redef += adds elements to &redef tables and sets declared earlier.
global allowed: set[string] = { "alpha" } &redef;
global limits: table[string] of count = { ["cpu"] = 80 } &redef;

redef allowed += { "beta", "gamma" };
redef limits += { ["mem"] = 90 };

event zeek_init()
	{
	print |allowed|, "beta" in allowed, "delta" in allowed;
	print |limits|, limits["cpu"], limits["mem"];
	}
