# resize grows (with holes) or shrinks a vector and returns the old size; any_set/all_set test bool vectors.
event zeek_init()
	{
	local v = vector(4, 8, 15);
	print resize(v, 5);
	print |v|, v;
	print resize(v, 2);
	print v;

	print any_set(vector(F, F, T)), all_set(vector(T, T, F));

	local none: vector of bool = vector();
	print any_set(none), all_set(none);

	local a = vector(1, 2);
	local b = a;
	local c = copy(a);
	print same_object(a, b), same_object(a, c);
	b += 3;
	print a, c;
	}
