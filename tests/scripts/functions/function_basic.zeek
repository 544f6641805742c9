# Plain functions with parameters and return values, including recursion
function add3(a: count, b: count, c: count): count
	{
	return a + b + c;
	}

function greet(name: string): string
	{
	return "hi " + name;
	}

function fact(n: count): count
	{
	if ( n <= 1 )
		return 1;
	return n * fact(n - 1);
	}

function fib(n: count): count
	{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
	}

event zeek_init()
	{
	print add3(1, 2, 3), greet("zed");
	print fact(10), fact(0);
	print fib(20);
	print fact(20);
	}
