# Time values print as doubles; time arithmetic with intervals
event zeek_init()
	{
	local t = double_to_time(1700000000.0);
	print t, type_name(t);
	print double_to_time(1234.5678);
	print double_to_time(0.0);
	print double_to_time(3000000000.0);
	print t + 90 secs;
	print t - 1 day;
	local t2 = double_to_time(1700000123.5);
	print t2 - t, type_name(t2 - t);
	print t < t2, time_to_double(t2);
	print 1700000000.25 as time;
	}
