# @EXIT: 1
# `x as T` must name a conversion Zeek allows for x's static type (any casts to anything).
type Point: record { x: count; };

event zeek_init()
	{
	local a: any = 5;
	print a as count, "12" as count, 3 as double, 10.0.0.1 as subnet;
	print "text" as Point;
	print T as count;
	}
