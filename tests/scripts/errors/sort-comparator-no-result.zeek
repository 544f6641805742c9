# A sort comparison function that returns nothing: Zeek warns about the function, then reports
# a runtime error at the function and abandons the handler.
function no_result(a: count, b: count): int
	{
	}

event zeek_done()
	{
	print sort(vector(3, 1, 2), no_result);
	print "not reached";
	}
