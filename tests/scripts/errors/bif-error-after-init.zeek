# A failed conversion in a bif reports an error with the call and the bad value, returns a default and continues.
event zeek_done()
	{
	print to_count("12");
	print to_count(cat("4", "x"));
	print "continues after the error";
	}
