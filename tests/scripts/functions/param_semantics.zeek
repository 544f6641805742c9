# Atomic arguments are copies inside the callee; containers and records are shared with the caller
type Tally: record {
	total: count;
};

function mutate(n: count, s: string, v: vector of count, t: Tally, tbl: table[string] of count)
	{
	n = n + 1;
	s = s + "!";
	v += 99;
	t$total = 500;
	tbl["new"] = 1;
	print "inside", n, s;
	}

event zeek_init()
	{
	local n = 1;
	local s = "hey";
	local v = vector(1);
	local t = Tally($total=0);
	local tbl: table[string] of count;
	mutate(n, s, v, t, tbl);
	print n, s, v, t$total, |tbl|;
	}
