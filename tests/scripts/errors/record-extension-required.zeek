# Fields added to a record type later must be &optional or have a &default.
# @EXIT: 1
type Conn: record {
	id: count;
};

redef record Conn += {
	extra: string &optional;
	required: count;
};
