##! A first supervised process tree. Run it with
##!
##!     zeekling -j examples/supervisor.zeek
##!
##! The same script runs in the supervisor and in every node; Supervisor::is_supervised() tells
##! them apart. The supervisor starts three nodes, one of which crashes and is revived, restarts
##! another on purpose, and after eight seconds stops the whole tree in order.

redef exit_only_after_terminate = T;

# ---- the nodes ---------------------------------------------------------------------------

event tick(n: count)
	{
	local me = Supervisor::node()$name;
	print fmt("tick %d", n);

	if ( me == "crashy" && n == 2 )
		{
		print "crashing now";
		exit(1);
		}

	schedule 1 sec { tick(n + 1) };
	}

# ---- the supervisor ----------------------------------------------------------------------

global starts: table[string] of count &default=0;

# Every spawn and respawn of a node.
event Supervisor::node_status(node: string, pid: count)
	{
	print fmt("supervisor: %s is running as pid %d (start #%d)", node, pid, ++starts[node]);
	}

# Every line a node prints. Without `break` the supervisor would print it itself, as
# "[supervisor:STDOUT] [node] line".
hook Supervisor::stdout_hook(node: string, msg: string)
	{
	print fmt("    %-8s | %s", node, msg);
	break;
	}

event restart_worker()
	{
	local pid = Supervisor::status("worker")$nodes["worker"]$pid;
	print fmt("supervisor: restarting worker (pid %d) on purpose", pid);
	Supervisor::restart("worker");
	}

event finish()
	{
	print "supervisor: stopping the tree";
	terminate();
	}

event zeek_init()
	{
	if ( Supervisor::is_supervised() )
		{
		event tick(1);
		return;
		}

	for ( _, name in vector("logger", "worker", "crashy") )
		{
		local err = Supervisor::create(Supervisor::NodeConfig($name=name));
		if ( err != "" )
			print fmt("supervisor: cannot create %s: %s", name, err);
		}

	schedule 4.5 sec { restart_worker() };
	schedule 8 sec { finish() };
	}

event zeek_done()
	{
	if ( Supervisor::is_supervised() )
		print "zeek_done: shutting down cleanly";
	else
		print fmt("supervisor: done; crashy was started %d times", starts["crashy"]);
	}
