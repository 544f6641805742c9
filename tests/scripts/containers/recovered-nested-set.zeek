# A set inside a table index comes back as Zeek recovers it from the hash key: rebuilt in
# serialized order, so it can iterate differently from the set that was inserted (which keeps
# its own order). Orders checked against the reference model with this seed.
# @ARGS: -G test.seed
type R: record {
	a: count;
	tags: set[string];
};

global s: set[R];

event zeek_init()
	{
	local tags = set("c", "d", "e", "x", "y", "apple", "pear");
	print tags;
	add s[R($a=1, $tags=tags)];
	for ( r in s )
		print r$tags;
	print tags;
	}
