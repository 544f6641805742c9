# A record constructor may give a function field its body directly: `$f(params) = { ... }`,
# with a capture list (`$f[x](...)`) and a return type when needed.
type Handlers: record {
	greet: function(who: string);
	twice: function(n: count): count;
};

event zeek_init()
	{
	local greeting = "hello";
	local h = Handlers($greet[greeting](who: string) = { print greeting + ", " + who; },
	                   $twice(n: count): count = { return 2 * n; });
	h$greet("world");
	print h$twice(21);
	local r = [$f(s: string): string = { return s + s; }];
	print r$f("ab");
	}
