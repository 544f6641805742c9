# Port printing for each transport protocol, and |port| including the protocol bits
event zeek_init()
	{
	local p = 80/tcp;
	print p, type_name(p);
	print 53/udp, 8/icmp, 0/unknown;
	print 65535/tcp, 0/tcp;
	print "443/tcp" as port;
	print 22/tcp == 22/udp, 22/tcp == 22/tcp;
	print vector(1/tcp, 2/udp);
	print |0/tcp|, |0/udp|, |3/icmp|;
	}
