# @load parses another file (".zeek" may be omitted) right where the directive appears.
@load greeting_lib

event zeek_init()
	{
	print greet("world");
	print greet("zeek");
	print greeting_count;
	}

print "main before second load";
@load trailer_stmts
print "main after second load";
