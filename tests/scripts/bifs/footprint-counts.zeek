# val_footprint counts one per scalar (one more per 32 string bytes), one per container slot
# (record fields set or not, vector items, table entries and index parts) plus what they hold;
# a container reached again inside itself counts one.
type Pair: record {
	x: count;
	y: string &optional;
};

type Node: record {
	link: Node &optional;
	kids: vector of Node &optional;
};

event zeek_init()
	{
	print "scalars", val_footprint(3), val_footprint(1.5), val_footprint(10.0.0.1), val_footprint(T);
	print "strings", val_footprint(""), val_footprint("0123456789012345678901234567890"),
	    val_footprint("01234567890123456789012345678901");
	print "record unset field", val_footprint(Pair($x=1));
	print "record both fields", val_footprint(Pair($x=1, $y="a"));
	print "vector with hole", val_footprint(vector(1, 2, 3)), val_footprint(vector(Pair($x=1)));

	local holes: vector of count;
	holes[3] = 7;
	print "holes", |holes|, val_footprint(holes);

	print "set", val_footprint(set(1, 2)), val_footprint(set([1, "a"], [2, "b"]));
	print "table", val_footprint(table([1] = "a")), val_footprint(table([1, 2] = vector(5)));

	local n = Node();
	n$link = n;
	print "self cycle", val_footprint(n);

	local m = Node();
	m$kids = vector(m, m);
	print "cycle through a vector", val_footprint(m);
	}
