# "as" conversions between basic types, "is" type tests and "?as" convertibility checks
type Dir: enum { NORTH, EAST, SOUTH };

event zeek_init()
	{
	print 3.14 as count, 3.9 as count, -3.9 as int, -3.14 as int;
	print 5 as double, type_name(5 as double);
	print "42" as count, "-17" as int, "2.5" as double;
	print 8080/tcp as count, SOUTH as count;
	print 2 hrs as double, double_to_time(7.5) as double;
	local a: any = "str";
	print a is string, a is count, a as string;
	local i: int = -3;
	local j: int = 3;
	print i ?as count, j ?as count, j as count;
	print 1.2.3.4 as subnet;
	}
