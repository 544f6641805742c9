# redef record += adds &optional/&default fields, which appear after the original fields
type Item: record {
	id: count;
	name: string &optional;
};

redef record Item += {
	qty: count &default=1;
	origin: string &optional;
};

global early = Item($id=1);

event zeek_init()
	{
	print early;
	local later = Item($id=2, $qty=5, $origin="north");
	print later;
	print later$qty + early$qty;
	print early?$origin, later?$origin;
	}
