# Runtime error after init (in zeek_done): a failed "as" cast aborts that handler only
function as_text(a: any): string
	{
	return a as string;
	}

event zeek_done()
	{
	print "before";
	print as_text("fine");
	print as_text(42);
	print "not reached";
	}

event zeek_done()
	{
	print "second handler still runs";
	}
