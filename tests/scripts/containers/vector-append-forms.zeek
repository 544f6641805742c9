# v += x: a vector of v's own type (or a { ... } list) is appended element by element, anything
# else (an element, or a vector that is an element of a vector of vectors) as one element.
event zeek_init()
	{
	local v: vector of count;
	local more = vector(20, 21);
	v = { 1, 3 };
	v += 9;
	v += { 2, 4 };
	v += more;
	print v;

	local vv: vector of vector of count;
	vv += { vector(3, 2), vector(1) };
	vv += more;
	vv += vector(vector(80), vector(90, 91));
	print vv;
	# An untyped vector() is an empty element of a vector of vectors, nothing for others.
	vv += vector();
	v += vector();
	print |vv|, |v|;

	local va: vector of any;
	va += 1;
	va += more;
	print |va|;
	}
