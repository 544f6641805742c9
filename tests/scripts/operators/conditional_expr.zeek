# The ?: operator, including numeric promotion of its branches and nesting
function size_class(n: count): string
	{
	return n < 10 ? "small" : n < 100 ? "medium" : "large";
	}

event zeek_init()
	{
	local n = 7;
	print n > 5 ? "big" : "little";
	print n % 2 == 0 ? "even" : "odd";
	print T ? 1 : 2.5;
	print F ? 1 : -1, type_name(F ? 1 : -1);
	print size_class(3), size_class(42), size_class(420);
	local v = vector(1, 2);
	print |v| > 1 ? v[1] : v[0];
	}
