# A bracket list inside an index, or a set where the index wants its members, stands for one
# element per member: constructors build the cross product.
global ports_of_interest = set(22/tcp, 80/tcp);

type Svc: record {
	host: string;
	p: port;
};

event zeek_init()
	{
	local hosts: set[string, port] = { [["alpha", "beta"], ports_of_interest] };
	print |hosts|, ["alpha", 22/tcp] in hosts, ["alpha", 80/tcp] in hosts,
	    ["beta", 22/tcp] in hosts, ["beta", 80/tcp] in hosts;

	local weights: table[string, count] of double = {
		[["x", "y"], [1, 2]] = 0.5,
		["z", 3] = 1.5,
	};
	print |weights|, weights["y", 2], weights["z", 3];

	# A set that is itself the wanted index type stays whole.
	local of_sets: set[set[port]] = { [ports_of_interest] };
	print |of_sets|, ports_of_interest in of_sets;

	# A record constructor in brackets is a record, not a list.
	local svcs: set[Svc] = { [$host="a", $p=1/udp] };
	print |svcs|;
	}
