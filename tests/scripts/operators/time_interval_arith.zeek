# Arithmetic and comparisons mixing time and interval values
event zeek_init()
	{
	local t0 = double_to_time(1000.0);
	local t1 = t0 + 2 mins;
	print t1, t1 - t0;
	print t1 > t0, t0 + 120 secs == t1, t1 - 30 secs;
	print 30 secs + 1 min, 1 hr - 15 mins;
	print 2.5 * 1 min, 10 min / 4;
	print 1 day > 23 hrs, 60 secs == 1 min;
	print interval_to_double(90 secs), time_to_double(t1);
	local i = 5 secs;
	i += 1 min;
	i -= 10 secs;
	print i;
	print type_name(t1 - t0), type_name(t0 + 1 sec);
	}
