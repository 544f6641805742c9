# Nested records: construction, printing inline, and updating inner fields in place
type Endpoint: record {
	host: addr;
	p: port;
};

type Flow: record {
	src: Endpoint;
	dst: Endpoint;
	note: string &optional;
};

event zeek_init()
	{
	local f = Flow($src=Endpoint($host=10.0.0.1, $p=1234/tcp),
	               $dst=[$host=10.0.0.2, $p=80/tcp]);
	print f;
	print f$dst$p, f$src$host;
	f$dst$p = 8080/tcp;
	local d = f$dst;
	d$host = 192.168.0.9;
	print f$dst;
	print f?$note, f$src?$p;
	}
