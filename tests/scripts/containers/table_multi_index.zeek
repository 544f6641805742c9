# Tables and sets indexed by multiple values: lookup, membership and key destructuring
event zeek_init()
	{
	local flows: table[addr, port] of count;
	flows[10.0.0.1, 80/tcp] = 3;
	flows[10.0.0.1, 443/tcp] = 7;
	flows[10.0.0.2, 80/tcp] = 1;
	print |flows|, flows[10.0.0.1, 443/tcp];
	print [10.0.0.2, 80/tcp] in flows, [10.0.0.2, 443/tcp] in flows;
	local total = 0;
	for ( [a, p], n in flows )
		total += n;
	print total;
	delete flows[10.0.0.1, 80/tcp];
	delete flows[10.0.0.1, 443/tcp];
	print flows;
	for ( [a, p] in flows )
		print a, p;
	local seen: set[string, count] = { ["x", 1] };
	add seen["y", 2];
	print |seen|, ["y", 2] in seen;
	}
