# += with a vector of the same type appends each element; nested vectors append as one element
event zeek_init()
	{
	local v = vector(1, 2);
	v += vector(3, 4);
	print v, |v|;
	local empty: vector of count;
	v += empty;
	print |v|;
	local vv: vector of vector of count;
	vv += vector(7, 8);
	vv += vector(9);
	print vv, |vv|, vv[0][1];
	local strs = vector("a");
	strs += strs;
	print strs;
	}
