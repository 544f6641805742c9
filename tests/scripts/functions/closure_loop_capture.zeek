# Lambdas created in a loop each capture the loop variable's value at creation time
event zeek_init()
	{
	local fs: vector of function(): string;
	local names = vector("red", "green", "blue");
	for ( i in names )
		fs += function[i, names](): string { return fmt("%d=%s", i, names[i]); };
	for ( _, f in fs )
		print f();
	names[0] = "RED";
	print fs[0]();
	}
