# Parse-time error: a record constructor with a field the target type lacks
# @EXIT: 1
type Point: record {
	x: count;
	y: count;
};

event zeek_init()
	{
	local p: Point = [$x=1, $y=2, $z=3];
	print p;
	}
