# Sibling of lib/util.zeek.
function double_it(n: count): count
	{
	return n * 2;
	}

print "lib/helpers loaded";
