# Conversions between double, time and interval values.
event zeek_init()
	{
	print double_to_time(1000.5);
	print time_to_double(double_to_time(42.25));
	print interval_to_double(2min), interval_to_double(1500msec);
	print double_to_interval(90.0);
	print double_to_interval(3600.0);
	print double_to_interval(0.5);
	print double_to_interval(-5.0);
	print double_to_interval(0.0);
	print double_to_interval(93784.0);
	}
