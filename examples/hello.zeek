# A first zeekling script: records, tables, events and a hook.

type Visit: record {
	host: addr;
	port_: port;
	note: string &default="none";
};

global visits: table[string] of Visit &ordered;
global log_visit: hook(v: Visit);

hook log_visit(v: Visit) &priority=5
	{
	if ( v$note == "skip" )
		break;
	}

hook log_visit(v: Visit)
	{
	print fmt("visit %s:%s (%s)", v$host, v$port_, v$note);
	}

event seen(name: string, v: Visit)
	{
	visits[name] = v;
	hook log_visit(v);
	}

event zeek_init()
	{
	event seen("web", Visit($host=192.168.1.10, $port_=443/tcp, $note="tls"));
	event seen("dns", Visit($host=[2001:db8::53], $port_=53/udp));
	event seen("skipme", Visit($host=10.0.0.1, $port_=22/tcp, $note="skip"));
	}

event zeek_done()
	{
	print fmt("%d visits", |visits|);
	for ( name, v in visits )
		print name, v;
	}
