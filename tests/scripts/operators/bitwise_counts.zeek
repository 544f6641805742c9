# Bitwise and, or, xor, complement and shifts on counts
event zeek_init()
	{
	local a: count = 12;
	local b: count = 10;
	print a & b, a | b, a ^ b;
	print ~0;
	print ~a & 15;
	print 1 << 10, 1024 >> 3, 0xff >> 4;
	print 0xff & 0x0f, 0xf0 | 0x0f;
	print type_name(a & b), type_name(~a);
	local mask = (1 << 4) - 1;
	print 0xabcd & mask;
	}
