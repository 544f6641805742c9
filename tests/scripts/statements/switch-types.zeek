# Type switches on an any value: case type T, case type T as name, several types per case, default.
function kind(v: any): string
	{
	switch ( v ) {
	case type count:
		return "a count";
	case type string as s:
		return fmt("a string of length %d", |s|);
	case type int as i, type double as d:
		if ( v is int )
			return fmt("an int %d", i);
		return fmt("a double %.1f", d);
	default:
		return "something else";
	}
	}

event zeek_init()
	{
	print kind(5);
	print kind("hello");
	print kind(-3);
	print kind(2.5);
	print kind(T);
	print kind(80/tcp);
	}
