# Count arithmetic wraps modulo 2^64; only subtraction underflow warns
event zeek_init()
	{
	local big: count = 18446744073709551615;
	print big + 1;
	print big * 2;
	local m: count = 4294967296;
	print m * m;
	local small: count = 3;
	print small - 5;
	local z: count = 0;
	--z;
	print z, z == big;
	++z;
	print z;
	}
