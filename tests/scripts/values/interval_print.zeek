# Interval printing: unit breakdown, singular vs plural units, and zero
event zeek_init()
	{
	print 0 secs;
	print 1 sec, 1 min, 1 hr, 1 day;
	print 2 secs, 5 mins, 3 hrs, 4 days;
	print 90 secs;
	print 36 hrs;
	print 1.5 days;
	print 2.5 min;
	print 250 msec;
	print 3 usecs;
	print 1 hr + 1 sec;
	print 1 day + 2 hrs + 3 mins + 4 secs;
	print type_name(5 mins);
	}
