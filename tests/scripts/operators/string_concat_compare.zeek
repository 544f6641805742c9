# String concatenation with + and +=, and lexicographic byte-wise comparison
event zeek_init()
	{
	local a = "foo";
	local b = "bar";
	print a + b, b + a + "!";
	local s = "x";
	s += "yz";
	s += "";
	print s, |s|;
	print a == "foo", a != b, a < b, b < a;
	print "Z" < "a", "abc" < "abd", "ab" < "abc", "" < "a";
	print "a\x00" > "a", "\xff" > "~";
	print type_name(a + b);
	}
