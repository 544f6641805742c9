# Element-wise arithmetic and comparison between vectors of equal length
event zeek_init()
	{
	local a = vector(1, 2, 3);
	local b = vector(10, 20, 30);
	print a + b;
	print b - a;
	print a * b;
	print b / a;
	print a < vector(2, 2, 2);
	print a == vector(1, 0, 3);
	local d = vector(0.5, 1.5);
	print d + vector(1.0, 1.0);
	print type_name(a + b), type_name(a < b);
	}
