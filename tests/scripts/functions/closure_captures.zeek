# Captured atomic values are copied when the lambda is created; captured aggregates are shared
type Box: record {
	n: count;
};

event zeek_init()
	{
	local x = 10;
	local b = Box($n=1);
	local f = function[x, b](): string { ++x; ++b$n; return fmt("x=%d n=%d", x, b$n); };
	x = 100;
	print f();
	print f();
	print x, b$n;
	local g = function[copy b](): count { b$n += 100; return b$n; };
	print g(), b$n;
	print g(), b$n;
	}
