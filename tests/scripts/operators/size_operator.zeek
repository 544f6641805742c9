# The |x| operator: absolute value for numbers, length for strings and containers
event zeek_init()
	{
	print |-5|, |5|, type_name(|-5|);
	print |-2.5|, type_name(|-2.5|);
	local i: int = -40;
	print |i|, |i + 50|;
	print |"hello"|, |""|, |"a\x00b"|;
	print |vector(1, 2, 3)|, |set("a", "b")|;
	local t: table[count] of string = { [1] = "a", [2] = "b", [3] = "c" };
	print |t|;
	print |1.2.3.4|, |[::1]|;
	}
