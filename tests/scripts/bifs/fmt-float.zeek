# fmt floating-point conversions %f, %e, %g with optional width and precision (also for intervals and times).
event zeek_init()
	{
	print fmt("%f", 3.5);
	print fmt("%.2f", 3.14159);
	print fmt("%.0f", 2.7);
	print fmt("%e", 12345.678);
	print fmt("%.3e", 0.00012);
	print fmt("%g", 0.0001);
	print fmt("%g", 1234567.0);
	print fmt("%g", 100.0);
	print fmt("%10.3f|", 2.0);
	print fmt("%-10.1f|", 9.26);
	print fmt("%.1f", 90sec);
	print fmt("%.2f", double_to_time(12.5));
	print fmt("%.3f", -0.5);
	}
