# type_name() of literals of every scalar type and of simple containers
type Mood: enum { HAPPY, SAD };

event zeek_init()
	{
	print type_name(T), type_name(1), type_name(-1), type_name(1.0);
	print type_name("s"), type_name(1.2.3.4), type_name([::1]);
	print type_name(10.0.0.0/8), type_name(80/tcp), type_name(1 sec);
	print type_name(double_to_time(0.0)), type_name(/re/), type_name(SAD);
	print type_name(vector(1, 2)), type_name(set("a")), type_name(table([1] = "x"));
	local v: vector of vector of string;
	print type_name(v);
	local t: table[count, string] of addr;
	print type_name(t);
	}
