##! Broker benchmark, receiving side: counts `tick` events, answers `ping` with `pong`, and
##! reports the event rate once EVENTS ticks have arrived.

global tick: event(n: count, payload: string);
global ping: event(n: count);
global pong: event(n: count);

global received = 0;
global first: time;

event zeek_init()
	{
	Broker::subscribe("bench/to-receiver");
	local p = Broker::listen("127.0.0.1", 0/tcp);
	local f = open(getenv("PORT_FILE"));
	print f, port_to_count(p);
	close(f);
	}

event tick(n: count, payload: string)
	{
	if ( ++received == 1 )
		first = current_time();

	if ( received == to_count(getenv("EVENTS")) )
		{
		local secs = interval_to_double(current_time() - first);
		print fmt("events %d secs %.6f", received, secs);
		Broker::publish("bench/to-sender", pong, 0);
		}
	}

event ping(n: count)
	{
	Broker::publish("bench/to-sender", pong, n);
	}
