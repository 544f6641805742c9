##! Broker benchmark, sending side: writes the wall time of its first publish to START_FILE,
##! publishes EVENTS `tick` events as fast as it can, then measures ROUNDS ping/pong round
##! trips one at a time and prints their median.

global tick: event(n: count, payload: string);
global ping: event(n: count);
global pong: event(n: count);

global rtts: vector of double;
global sent_at: time;

event zeek_init()
	{
	Broker::subscribe("bench/to-sender");
	Broker::peer("127.0.0.1", to_port(getenv("PEER_PORT")), 0.1 sec);
	}

event Broker::peer_added(endpoint: Broker::EndpointInfo, msg: string)
	{
	local i = 0;
	local n = to_count(getenv("EVENTS"));
	local f = open(getenv("START_FILE"));
	print f, fmt("%.6f", time_to_double(current_time()));
	close(f);
	while ( ++i <= n )
		Broker::publish("bench/to-receiver", tick, i, "a small payload");
	}

event pong(n: count)
	{
	if ( n > 0 )
		rtts += interval_to_double(current_time() - sent_at);

	if ( n == to_count(getenv("ROUNDS")) )
		{
		sort(rtts);
		print fmt("rtt_median_us %.1f", rtts[|rtts| / 2] * 1e6);
		terminate();
		return;
		}

	sent_at = current_time();
	Broker::publish("bench/to-receiver", ping, n + 1);
	}

# A receiver that falls more than the sender's queue limit behind is dropped: fail, not wait.
event Broker::peer_lost(endpoint: Broker::EndpointInfo, msg: string)
	{
	print "sender: lost the receiver";
	terminate();
	}
