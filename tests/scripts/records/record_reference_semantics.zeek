# Records are shared by reference on assignment and when passed to functions; copy() detaches
type Counter: record {
	n: count &default=0;
	tags: vector of string;
};

function bump(c: Counter)
	{
	++c$n;
	c$tags += "bumped";
	}

event zeek_init()
	{
	local a = Counter();
	local b = a;
	local c = copy(a);
	bump(a);
	b$n += 10;
	print a;
	print b$n, c$n, |c$tags|;
	local v: vector of Counter;
	v += a;
	v[0]$n = 0;
	print a$n;
	}
