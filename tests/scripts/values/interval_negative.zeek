# Negative intervals print every component negative; interval arithmetic keeps the type
event zeek_init()
	{
	print -45 mins;
	print -90 secs;
	print -1 day;
	local i = 10 min - 1 hr;
	print i;
	print 3 hrs / 2;
	print 2 * 40 mins;
	print 1 hr / 30 mins, type_name(1 hr / 30 mins);
	print |-2 mins|;
	}
