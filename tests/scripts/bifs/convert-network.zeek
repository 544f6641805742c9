# Conversions for ports, addresses and subnets.
event zeek_init()
	{
	print to_port("8080/tcp"), to_port("53/udp"), to_port("8/icmp");
	print count_to_port(443, tcp), count_to_port(161, udp);
	print port_to_count(22/tcp), get_port_transport_proto(53/udp);
	print to_addr("192.168.1.1"), to_addr("2001:db8::1");
	print to_addr("10.0.0.1") == 10.0.0.1;
	print to_subnet("172.16.0.0/12"), to_subnet("2001:db8::/32");
	print subnet_to_addr(10.1.0.0/16);
	print is_v4_addr(1.2.3.4), is_v6_addr(1.2.3.4), is_v6_addr([::1]);
	print is_tcp_port(80/tcp), is_udp_port(80/tcp);
	}
