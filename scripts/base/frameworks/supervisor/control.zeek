##! Remote control of a supervisor over Broker: another process (a zeekling, a Zeek, or any
##! WebSocket client) publishes requests to SupervisorControl::topic_prefix and receives the
##! responses on topic_prefix + "/<kind>_response/<reqid>". With enable_listen set, the
##! supervisor listens for such peers (Broker::listen with its defaults).

module SupervisorControl;

export {
	## Where requests go and responses come from.
	const topic_prefix = "zeek/supervisor" &redef;

	## Whether the supervisor listens for remote control peers.
	const enable_listen = F &redef;

	## Create a node; the response carries Supervisor::create's result ("" on success).
	global create_request: event(reqid: string, node: Supervisor::NodeConfig);
	global create_response: event(reqid: string, result: string);

	## Destroy a node ("" for all); the response carries Supervisor::destroy's result.
	global destroy_request: event(reqid: string, node: string);
	global destroy_response: event(reqid: string, result: bool);

	## Restart a node ("" for all); the response carries Supervisor::restart's result.
	global restart_request: event(reqid: string, node: string);
	global restart_response: event(reqid: string, result: bool);

	## The status of a node ("" for all).
	global status_request: event(reqid: string, node: string);
	global status_response: event(reqid: string, result: Supervisor::Status);

	## Stop the supervisor (and with it the whole tree).
	global stop_request: event();

	## Forwarded from Supervisor::node_status to topic_prefix + "/node_status".
	global node_status: event(node: string, pid: count);
}

event zeek_init() &priority=10
	{
	if ( Supervisor::is_supervisor() && enable_listen )
		Broker::listen();

	Cluster::subscribe(topic_prefix);
	}

function response_topic(kind: string, reqid: string): string
	{
	return fmt("%s/%s_response/%s", topic_prefix, kind, reqid);
	}

event stop_request()
	{
	if ( Supervisor::is_supervisor() )
		terminate();
	}

event create_request(reqid: string, node: Supervisor::NodeConfig)
	{
	if ( Supervisor::is_supervisor() )
		Cluster::publish(response_topic("create", reqid), create_response, reqid,
		                 Supervisor::create(node));
	}

event destroy_request(reqid: string, node: string)
	{
	if ( Supervisor::is_supervisor() )
		Cluster::publish(response_topic("destroy", reqid), destroy_response, reqid,
		                 Supervisor::destroy(node));
	}

event restart_request(reqid: string, node: string)
	{
	if ( Supervisor::is_supervisor() )
		Cluster::publish(response_topic("restart", reqid), restart_response, reqid,
		                 Supervisor::restart(node));
	}

event status_request(reqid: string, node: string)
	{
	if ( Supervisor::is_supervisor() )
		Cluster::publish(response_topic("status", reqid), status_response, reqid,
		                 Supervisor::status(node));
	}

event Supervisor::node_status(node: string, pid: count)
	{
	if ( Supervisor::is_supervisor() )
		Cluster::publish(topic_prefix + "/node_status", SupervisorControl::node_status, node, pid);
	}
