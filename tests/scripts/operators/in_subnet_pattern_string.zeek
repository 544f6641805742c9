# "in" for addresses in subnets, patterns in strings, and substrings
event zeek_init()
	{
	print 10.1.2.3 in 10.0.0.0/8, 11.0.0.1 in 10.0.0.0/8;
	print [2001:db8::5] in [2001:db8::]/32, 192.168.1.1 !in 192.168.0.0/24;
	local nets = set(10.0.0.0/8, 192.168.0.0/16);
	print 192.168.3.4 in nets, 8.8.8.8 in nets;
	print /ell/ in "hello", /^ell/ in "hello", /x/ !in "hello";
	print /l+o$/ in "hello", /^h.*o$/ in "hello";
	print "ell" in "hello", "hello" in "ell", "lo" !in "hello";
	print "hello" == /h[a-z]+/, "hello!" == /h[a-z]+/;
	}
