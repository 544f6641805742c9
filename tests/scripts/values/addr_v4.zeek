# IPv4 address printing, including v4-mapped IPv6 literals and string conversion
event zeek_init()
	{
	local a = 192.168.0.1;
	print a, type_name(a);
	print 10.0.0.255, 0.0.0.0, 255.255.255.255;
	print [::ffff:10.1.2.3];
	print "172.16.5.4" as addr;
	print |a|;
	print vector(1.2.3.4, 5.6.7.8);
	print 1.2.3.4 == [::ffff:1.2.3.4];
	}
