# Assertions that hold are silent, with or without a message.
global limit = 10;

event zeek_init()
	{
	local n = 3;
	assert n < limit;
	assert n == 3, "n should be three";
	assert "abc" == "abc";
	print "all assertions passed";
	}
