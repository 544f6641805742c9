# Tables whose values are records: field updates through the table act in place
type Host: record {
	name: string;
	hits: count &default=0;
};

event zeek_init()
	{
	local hosts: table[addr] of Host;
	hosts[10.0.0.1] = Host($name="alpha");
	hosts[10.0.0.2] = [$name="beta", $hits=4];
	hosts[10.0.0.1]$hits += 3;
	++hosts[10.0.0.2]$hits;
	print hosts[10.0.0.1];
	print hosts[10.0.0.2]$hits;
	local total = 0;
	for ( _, h in hosts )
		total += h$hits;
	print total;
	}
