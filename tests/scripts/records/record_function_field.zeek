# Record fields can hold functions, which are called through the field
type Op: record {
	name: string;
	apply: function(a: count, b: count): count;
};

function add_op(a: count, b: count): count
	{
	return a + b;
	}

event zeek_init()
	{
	local ops: vector of Op;
	ops += Op($name="add", $apply=add_op);
	ops += Op($name="mul", $apply=function(a: count, b: count): count { return a * b; });
	for ( _, op in ops )
		print op$name, op$apply(6, 7);
	local r = ops[0];
	r$apply = ops[1]$apply;
	print r$apply(2, 3), ops[0]$name;
	}
