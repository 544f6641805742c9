# A failing assert reports "assertion failure: <cond> (<msg>)" and aborts only that handler body.
global total = 7;
global name = "zeek";

event zeek_done() &priority=10
	{
	assert total == 7;
	print "first assertion held";
	assert total < 5, fmt("total is %d", total);
	print "not reached";
	}

event zeek_done() &priority=5
	{
	assert name == "bro";
	print "not reached either";
	}

event zeek_done()
	{
	print "last handler still runs";
	}
