# Runtime error after init: reading an unset &optional field aborts the handler
type Contact: record {
	name: string;
	email: string &optional;
};

event zeek_done()
	{
	local c = Contact($name="dee");
	print c$name;
	print c$email;
	print "not reached";
	}
