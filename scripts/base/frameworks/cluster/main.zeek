##! The cluster layout as a node sees it: Cluster::nodes (every node by name) and
##! Cluster::node (this node's name, from CLUSTER_NODE). In a node started by the supervisor
##! with a `cluster` table, the layout comes from that table.

module Cluster;

export {
	## The part a node plays.
	type NodeType: enum {
		NONE,
		CONTROL,
		LOGGER,
		MANAGER,
		PROXY,
		WORKER,
	};

	## One node of the layout.
	type Node: record {
		node_type: NodeType;
		ip: addr;
		zone_id: string &default="";
		p: port &default=0/unknown;
		manager: string &optional;
		id: string &optional;
		metrics_port: port &optional;
	};

	## This node's name in the layout ("" outside a cluster).
	const node = getenv("CLUSTER_NODE") &redef;

	## The layout from the supervisor's node configuration (empty when not supervised).
	global supervised_layout: function(): table[string] of Node;

	## This node's type (NONE outside a cluster).
	global local_node_type: function(): NodeType;

	## TLS settings of a WebSocket server (zeekling serves plain WebSocket only).
	type WebSocketTLSOptions: record {
		cert_file: string &optional;
		key_file: string &optional;
		enable_peer_verification: bool &default=F;
		ca_file: string &default="";
		ciphers: string &default="";
	};

	## Where and how Cluster::listen_websocket serves Zeek's WebSocket API.
	type WebSocketServerOptions: record {
		listen_addr: addr &optional;
		listen_port: port;
		max_event_queue_size: count &default=32;
		ping_interval: interval &default=5 sec;
		tls_options: WebSocketTLSOptions &default=WebSocketTLSOptions();
	};

	## Where a WebSocket client is.
	type NetworkInfo: record {
		address: string;
		bound_port: port;
	};

	## A WebSocket client.
	type EndpointInfo: record {
		id: string;
		network: NetworkInfo;
		application_name: string &optional;
	};

	## Serve Zeek's WebSocket API (JSON v1) for outside clients.
	global listen_websocket: function(options: WebSocketServerOptions): bool;

	## A WebSocket client connected and subscribed to these topic prefixes.
	global websocket_client_added: event(endpoint: EndpointInfo, subscriptions: string_vec);

	## A WebSocket client went away.
	global websocket_client_lost: event(endpoint: EndpointInfo, code: count, reason: string);
}

function listen_websocket(options: WebSocketServerOptions): bool
	{
	local a = options?$listen_addr ? fmt("%s", options$listen_addr) : "127.0.0.1";
	return Cluster::__listen_websocket(a, options$listen_port);
	}

function node_type_of(role: Supervisor::ClusterRole): NodeType
	{
	switch ( role ) {
	case Supervisor::LOGGER:
		return LOGGER;
	case Supervisor::MANAGER:
		return MANAGER;
	case Supervisor::PROXY:
		return PROXY;
	case Supervisor::WORKER:
		return WORKER;
	default:
		return NONE;
	}
	}

function supervised_layout(): table[string] of Node
	{
	local layout: table[string] of Node = table();

	if ( ! Supervisor::is_supervised() )
		return layout;

	for ( name, ep in Supervisor::node()$cluster )
		{
		local n = Node($node_type=node_type_of(ep$role), $ip=ep$host, $p=ep$p);

		if ( ep?$metrics_port )
			n$metrics_port = ep$metrics_port;

		layout[name] = n;
		}

	return layout;
	}

export {
	## Every node of the cluster, by name.
	const nodes: table[string] of Node = supervised_layout() &redef;
}

function local_node_type(): NodeType
	{
	return node in nodes ? nodes[node]$node_type : NONE;
	}
