# The addr / width operator yields the enclosing subnet
event zeek_init()
	{
	print 192.168.77.5 / 16, 10.1.2.3 / 8;
	print [2001:db8:1:2::7] / 64;
	local bits = 24;
	local a = 172.16.5.9;
	print a / bits, type_name(a / bits);
	print a in a / 30, 172.16.5.20 in a / 28;
	}
