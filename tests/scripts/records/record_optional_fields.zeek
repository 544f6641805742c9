# &optional fields: ?$ tests presence, unset fields print as <uninitialized>
type Conn: record {
	id: count;
	service: string &optional;
	bytes: count &optional;
};

function describe(c: Conn): string
	{
	if ( c?$service )
		return fmt("%d uses %s", c$id, c$service);
	return fmt("%d has no service", c$id);
	}

event zeek_init()
	{
	local c = Conn($id=1);
	print c;
	print c?$service, c?$bytes, c?$id;
	print describe(c);
	c$service = "dns";
	print c?$service, describe(c);
	print c;
	}
