# Records as table and set keys: lookups use field values, not object identity
type Key: record {
	proto: string;
	num: count;
};

event zeek_init()
	{
	local t: table[Key] of count;
	t[Key($proto="tcp", $num=22)] = 5;
	local k = Key($proto="tcp", $num=22);
	print k in t, t[k];
	print [$proto="udp", $num=22] in t;
	t[[$proto="tcp", $num=22]] += 1;
	print |t|, t[k];
	print t;
	local s: set[Key];
	add s[k];
	add s[copy(k)];
	print |s|;
	}
