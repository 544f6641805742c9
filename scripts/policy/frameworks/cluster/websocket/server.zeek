##! Serve Zeek's WebSocket API on ZEEK_WEBSOCKET_LISTEN_ADDRESS:ZEEK_WEBSOCKET_LISTEN_PORT
##! (127.0.0.1:27759 by default), as Zeek's policy script of the same name does. The process
##! then keeps running until terminated.

@load base/frameworks/cluster

event zeek_init() &priority=-100
	{
	local listen_addr = 127.0.0.1;
	local addr_env = getenv("ZEEK_WEBSOCKET_LISTEN_ADDRESS");

	if ( |addr_env| > 0 )
		listen_addr = to_addr(rstrip(lstrip(addr_env, "["), "]"));

	local p = 27759/tcp;
	local port_env = getenv("ZEEK_WEBSOCKET_LISTEN_PORT");

	if ( |port_env| > 0 )
		p = count_to_port(to_count(port_env), tcp);

	Cluster::listen_websocket([$listen_addr=listen_addr, $listen_port=p]);
	}
