##! The payload of the supervisor benchmarks, the same on both sides. As a node (of zeekling's
##! supervisor, or a program of supervisord) it announces itself with a file READY_DIR/NODE.PID
##! and, when FLOOD is set, writes FLOOD lines to stderr with seq(1). As zeekling's supervisor
##! (-j) it creates BENCH_NODES nodes and counts their stderr lines through a script hook.

redef exit_only_after_terminate = T;

global lines = 0;
global expected = 0;

hook Supervisor::stderr_hook(node: string, msg: string)
	{
	if ( ++lines == expected )
		{
		local f = open(getenv("READY_DIR") + "/flood.done");
		print f, lines;
		close(f);
		}
	break;
	}

event zeek_init()
	{
	if ( Supervisor::is_supervisor() )
		{
		local n = to_count(getenv("BENCH_NODES"));
		if ( getenv("FLOOD") != "" )
			expected = n * to_count(getenv("FLOOD"));
		local i = 0;
		while ( ++i <= n )
			{
			local name = fmt("n%d", i);
			Supervisor::create([$name=name, $env=table(["NODE"] = name)]);
			}
		return;
		}

	local ready = open(fmt("%s/%s.%d", getenv("READY_DIR"), getenv("NODE"), getpid()));
	close(ready);

	if ( getenv("FLOOD") != "" )
		system(fmt("seq 1 %s", getenv("FLOOD")));
	}
