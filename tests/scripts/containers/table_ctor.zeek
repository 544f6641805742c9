# Table constructors: table(...), { ... } initializers and named table types
type PortNames: table[port] of string;

global services: PortNames = PortNames([22/tcp] = "ssh", [53/udp] = "dns");

event zeek_init()
	{
	local a = table(["x"] = 10, ["y"] = 20);
	print type_name(a), |a|, a["y"];
	local b: table[count] of string = { [1] = "one", [2] = "two" };
	print type_name(b), |b|, b[2];
	print |services|, services[53/udp], 22/tcp in services;
	local c = PortNames([80/tcp] = "http");
	print c;
	local e: table[addr] of bool = table();
	print |e|, type_name(e);
	}
