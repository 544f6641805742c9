# type_name describes the type of any value.
type Color: enum { RED, GREEN };

event zeek_init()
	{
	local pairs: set[addr, port] = set();
	local nested: table[count] of vector of string = table();

	print type_name(5);
	print type_name(-5);
	print type_name(2.5);
	print type_name(T);
	print type_name("s");
	print type_name(1.2.3.4);
	print type_name([2001:db8::1]);
	print type_name(10.0.0.0/8);
	print type_name(80/tcp);
	print type_name(5min);
	print type_name(double_to_time(1.0));
	print type_name(/ab+c/);
	print type_name(GREEN);
	print type_name(vector("a"));
	print type_name(set(1, 2));
	print type_name(table(["a"] = 1.5));
	print type_name(pairs);
	print type_name(nested);
	print type_name(zeek_done);
	print type_name(function(a: count, b: string): bool { return T; });
	}
