##! Broker benchmark, receiving side: counts `tick` events, answers `ping` with `pong`, and
##! reports the wall time at which the last of EVENTS ticks was handled (the runner divides by
##! the time since the sender's first publish).

global tick: event(n: count, payload: string);
global ping: event(n: count);
global pong: event(n: count);

global received = 0;
global expected: count;

event zeek_init()
	{
	expected = to_count(getenv("EVENTS"));
	Broker::subscribe("bench/to-receiver");
	local p = Broker::listen("127.0.0.1", 0/tcp);
	local f = open(getenv("PORT_FILE"));
	print f, port_to_count(p);
	close(f);
	}

event tick(n: count, payload: string)
	{
	if ( ++received == expected )
		{
		print fmt("events %d last %.6f", received, time_to_double(current_time()));
		Broker::publish("bench/to-sender", pong, 0);
		}
	}

event ping(n: count)
	{
	Broker::publish("bench/to-sender", pong, n);
	}
