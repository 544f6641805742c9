# Closures and copies: a `copy` capture takes a deep copy when the closure is made (later
# changes outside do not reach it; its own changes persist between calls); a plain capture
# shares aggregates; copy() of a closure, or of a table whose &default is one, copies the
# captured state too.
type Box: record {
	n: count;
};

function make_pair(): vector of function(): count
	{
	local shared = Box($n=10);
	local own = Box($n=10);
	local a = function[shared](): count { return ++shared$n; };
	local b = function[copy own](): count { return ++own$n; };
	shared$n = 100;
	own$n = 100;
	return vector(a, b);
	}

function counter(start: count): function(): count
	{
	return function[start](): count { return ++start; };
	}

event zeek_init()
	{
	local fs = make_pair();
	print fs[0](), fs[0](), fs[1](), fs[1]();

	local c = counter(5);
	print c(), c();
	local d = copy(c);
	print d(), d(), c();

	local seen = Box($n=0);
	local t: table[count] of string = { [1] = "one" } &default=function[seen](k: count): string
		{
		return fmt("missing %d (%d)", k, ++seen$n);
		};
	print t[7], t[8];
	local u = copy(t);
	print u[9], t[9], u[1];
	}
