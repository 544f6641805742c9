# Measures: function-call overhead via naive recursive fib(33) (count args/returns, if, +, -).

function fib(n: count): count
	{
	if ( n < 2 )
		return n;

	return fib(n - 1) + fib(n - 2);
	}

event zeek_init()
	{
	local n: count = 33;
	print fmt("fib(%d) = %d", n, fib(n));
	}
