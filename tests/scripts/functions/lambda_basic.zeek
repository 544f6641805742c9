# Anonymous functions without captures, stored in locals and passed as arguments
function map_counts(v: vector of count, f: function(c: count): count): vector of count
	{
	local out: vector of count;
	for ( _, c in v )
		out += f(c);
	return out;
	}

event zeek_init()
	{
	local inc = function(c: count): count { return c + 1; };
	print inc(41);
	print map_counts(vector(1, 2, 3), inc);
	print map_counts(vector(1, 2, 3), function(c: count): count { return c * c; });
	local is_long = function(s: string): bool { return |s| > 3; };
	print is_long("zeek"), is_long("bro");
	local noop = function() { print "noop called"; };
	noop();
	}
