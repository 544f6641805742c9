# An expression statement without side effects draws a parse-time warning, but the script still runs.
event zeek_init()
	{
	local a = 10;
	a - 4;
	print "ran anyway", a;
	}
