# Printing of count literals: decimal, hex, zero, and the maximum value
event zeek_init()
	{
	print 0;
	print 42;
	print 0xff, 0x10, 0xDEADBEEF;
	print 18446744073709551615;
	print 0xffffffffffffffff;
	print 9223372036854775808;
	local c: count = 1000000;
	print c, type_name(c);
	print vector(1, 22, 333);
	}
