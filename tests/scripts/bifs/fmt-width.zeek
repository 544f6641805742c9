# fmt field widths: right-justify by default, "-" left-justifies, a leading 0 zero-pads numbers.
event zeek_init()
	{
	print fmt("[%8s]", "abc");
	print fmt("[%-8s]", "abc");
	print fmt("[%6d]", 42);
	print fmt("[%-6d]", 42);
	print fmt("[%06d]", 42);
	print fmt("[%06d]", -42);
	print fmt("[%4x]", 171);
	print fmt("[%04x]", 171);
	print fmt("[%2s]", "toolong");
	print fmt("[%5s]", T);
	print fmt("[%-7s]", 80/tcp);
	print fmt("[%9s]", 1.25);
	print fmt("[%12s]", 192.168.0.1);
	}
