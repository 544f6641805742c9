# assert with the assertion_result and assertion_failure hooks: every result is seen (the
# condition evaluated once), a failing assert calls the failure hook with a backtrace that
# starts at the assert and names each caller with its call site (events have none); a hook
# that breaks suppresses the error report, and a failure always ends the handler.
global results = 0;

hook assertion_result(result: bool, cond: string, msg: string, bt: Backtrace)
	{
	++results;
	print "result", result, cond, msg;
	}

hook assertion_failure(cond: string, msg: string, bt: Backtrace)
	{
	print "failure", cond, msg;
	for ( _, e in bt )
		print fmt("  %s %s:%s (%d args)", e$function_name,
		          e?$file_location ? e$file_location : "-",
		          e?$line_location ? e$line_location : 0, |e$function_args|);
	if ( msg == "quiet" )
		break;
	}

function noisy(): bool
	{
	print "evaluated";
	return T;
	}

function check(n: count, label: string)
	{
	assert n < 3, fmt("%s: %d too big", label, n);
	}

function outer(n: count)
	{
	check(n, "outer");
	}

event zeek_done()
	{
	assert noisy();
	outer(1);
	outer(7);
	print "not reached";
	}

event zeek_done()
	{
	assert to_int("12") == 13, "quiet";
	print "not reached either";
	}

event zeek_done() &priority=-10
	{
	print "results seen", results;
	}
