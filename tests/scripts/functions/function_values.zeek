# Functions as first-class values: variables, tables of functions, and function parameters
function double_it(x: count): count
	{
	return x * 2;
	}

function square(x: count): count
	{
	return x * x;
	}

function apply_twice(f: function(x: count): count, x: count): count
	{
	return f(f(x));
	}

global ops: table[string] of function(x: count): count = {
	["double"] = double_it,
	["square"] = square
};

event zeek_init()
	{
	local f = double_it;
	print f(21);
	f = square;
	print f(5);
	print apply_twice(double_it, 3), apply_twice(square, 3);
	print ops["square"](9), ops["double"](ops["square"](2));
	print |ops|, "square" in ops;
	local g: function(x: count): count = ops["double"];
	print g == double_it, g == square;
	}
