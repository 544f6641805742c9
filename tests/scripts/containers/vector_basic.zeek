# Vectors: constructors, indexing, negative indices, element assignment, += append, size
type Names: vector of string;

event zeek_init()
	{
	local v = vector(10, 20, 30);
	print v, |v|, v[0], v[2];
	print v[-1], v[-3];
	v[1] = 25;
	v += 40;
	print v, |v|;
	local w: vector of string;
	print w, |w|;
	w += "first";
	w[|w|] = "second";
	print w;
	local n = Names("x", "y");
	print n, type_name(n[0]);
	local d: vector of double = { 1, 2.5 };
	print d;
	}
