# for loops over one-element tables and sets: key, key/value and [a, b] destructuring forms.
event zeek_init()
	{
	local ages: table[string] of count = { ["ann"] = 31 };
	local pairs: table[string, count] of bool = { ["web", 80] = T };
	local ports: set[port] = { 53/udp };

	for ( name in ages )
		print "key", name;

	for ( name, age in ages )
		print "key/value", name, age;

	for ( [svc, num] in pairs )
		print "multi-index", svc, num;

	for ( [svc, num], flag in pairs )
		print "multi-index/value", svc, num, flag;

	for ( p in ports )
		print "set member", p;
	}
