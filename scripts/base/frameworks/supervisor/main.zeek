##! The Supervisor API: scripts create, restart, destroy and inspect supervised nodes (in the
##! process started with -j), and learn whether they are the supervisor or a node. The types are
##! in init-bare.zeek; the work is done by the Supervisor::__* builtins.

module Supervisor;

export {
	## Start a node; "" on success, otherwise why not.
	global create: function(node: NodeConfig): string;

	## The status of one node, or of every node for "".
	global status: function(node: string &default=""): Status;

	## Stop and start again one node, or every node for "". F for an unknown name.
	global restart: function(node: string &default=""): bool;

	## Stop and forget one node, or every node for "". F for an unknown name.
	global destroy: function(node: string &default=""): bool;

	## T in the process started with -j.
	global is_supervisor: function(): bool;

	## T in a node the supervisor started.
	global is_supervised: function(): bool;

	## In a node: the configuration it was created with.
	global node: function(): NodeConfig;

	## Each line a node writes to stdout (node is "" for the stem). Ending a handler with
	## break keeps the supervisor from printing the line itself.
	global stdout_hook: hook(node: string, msg: string);

	## Each line a node writes to stderr, as stdout_hook.
	global stderr_hook: hook(node: string, msg: string);

	## A node was started or revived with this pid.
	global node_status: event(node: string, pid: count);

	## Seconds a stopping node gets between SIGTERM and SIGKILL (Zeek's stem waits about 26 s).
	## With ZEEK_SUPERVISOR_NO_SIGKILL set, no SIGKILL is ever sent.
	option node_stop_grace = 26 sec;
}

function status(node: string): Status
	{
	return __status(node);
	}

function create(node: NodeConfig): string
	{
	return __create(node);
	}

function destroy(node: string): bool
	{
	return __destroy(node);
	}

function restart(node: string): bool
	{
	return __restart(node);
	}

function is_supervisor(): bool
	{
	return __is_supervisor();
	}

function is_supervised(): bool
	{
	return __is_supervised();
	}

function node(): NodeConfig
	{
	return __node();
	}
