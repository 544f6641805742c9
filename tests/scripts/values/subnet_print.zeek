# Subnet printing: host bits are masked off, v4 and v6 prefixes, and |subnet|
event zeek_init()
	{
	local s = 10.0.0.0/8;
	print s, type_name(s);
	print 192.168.1.77/24;
	print 1.2.3.4/32, 0.0.0.0/0;
	print [2001:db8::]/32;
	print [2001:db8:abcd:12::1]/48;
	print 172.16.0.0/12 == 172.31.255.255/12;
	print |192.168.0.0/24|, |10.0.0.0/16|;
	print "10.20.30.40/16" as subnet;
	}
