##! Events between processes, Broker-style: listen for peers, peer with others, subscribe to
##! topic prefixes and publish events to topics. The wire format is Zeek's WebSocket API (JSON
##! v1), so Zeek's own WebSocket clients can talk to a listening zeekling. The work is done by
##! the Broker::__* builtins; Broker::publish takes the event and its arguments directly.

module Broker;

export {
	## The port Broker::listen uses when none is given.
	const default_port = 9999/tcp &redef;

	## The address Broker::listen binds when none is given (loopback unless set, e.g. by
	## ZEEK_DEFAULT_LISTEN_ADDRESS).
	const default_listen_address = getenv("ZEEK_DEFAULT_LISTEN_ADDRESS") == "" ?
		"127.0.0.1" : getenv("ZEEK_DEFAULT_LISTEN_ADDRESS") &redef;

	## How long to wait between attempts to peer (ZEEK_DEFAULT_CONNECT_RETRY, in seconds).
	const default_connect_retry = getenv("ZEEK_DEFAULT_CONNECT_RETRY") == "" ?
		1 sec : double_to_interval(to_double(getenv("ZEEK_DEFAULT_CONNECT_RETRY"))) &redef;

	## How long to wait between attempts to listen (ZEEK_DEFAULT_LISTEN_RETRY, in seconds).
	const default_listen_retry = getenv("ZEEK_DEFAULT_LISTEN_RETRY") == "" ?
		30 sec : double_to_interval(to_double(getenv("ZEEK_DEFAULT_LISTEN_RETRY"))) &redef;

	## A peering was established (after both sides know each other's subscriptions).
	global peer_added: event(endpoint: EndpointInfo, msg: string);

	## A peer went away; a peering made with Broker::peer is retried.
	global peer_lost: event(endpoint: EndpointInfo, msg: string);

	## A peering was removed on request.
	global peer_removed: event(endpoint: EndpointInfo, msg: string);

	## Something went wrong with peering or messaging.
	global error: event(code: ErrorCode, msg: string);

	## Listen for peers; the port bound, or 0/tcp on failure.
	global listen: function(a: string &default=default_listen_address,
	                        p: port &default=default_port,
	                        retry: interval &default=default_listen_retry): port;

	## Peer with a listening endpoint (retried every `retry` until it works, and after losses).
	global peer: function(a: string, p: port &default=default_port,
	                      retry: interval &default=default_connect_retry): bool;

	## Stop peering with an endpoint.
	global unpeer: function(a: string, p: port): bool;

	## Receive events published to topics starting with `topic_prefix`.
	global subscribe: function(topic_prefix: string): bool;

	## Stop receiving a prefix.
	global unsubscribe: function(topic_prefix: string): bool;

	## This endpoint's id.
	global node_id: function(): string;
}

function listen(a: string, p: port, retry: interval): port
	{
	return __listen(a, p, retry);
	}

function peer(a: string, p: port, retry: interval): bool
	{
	return __peer(a, p, retry);
	}

function unpeer(a: string, p: port): bool
	{
	return __unpeer(a, p);
	}

function subscribe(topic_prefix: string): bool
	{
	return __subscribe(topic_prefix);
	}

function unsubscribe(topic_prefix: string): bool
	{
	return __unsubscribe(topic_prefix);
	}

function node_id(): string
	{
	return __node_id();
	}

module Cluster;

export {
	## Receive events published to topics starting with `topic`.
	global subscribe: function(topic: string): bool;

	## Stop receiving a prefix.
	global unsubscribe: function(topic: string): bool;
}

function subscribe(topic: string): bool
	{
	return Broker::__subscribe(topic);
	}

function unsubscribe(topic: string): bool
	{
	return Broker::__unsubscribe(topic);
	}
