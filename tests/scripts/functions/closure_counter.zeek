# A closure factory: each returned lambda keeps its own captured state across calls
function make_counter(start: count, step: count): function(): count
	{
	local current = start;
	return function[current, step](): count
		{
		current += step;
		return current;
		};
	}

function make_adder(k: int): function(x: int): int
	{
	return function[k](x: int): int { return x + k; };
	}

event zeek_init()
	{
	local c1 = make_counter(0, 1);
	local c2 = make_counter(100, 10);
	print c1(), c1(), c2(), c1(), c2();
	local add5 = make_adder(5);
	local sub2 = make_adder(-2);
	print add5(1), sub2(1), add5(sub2(10));
	}
