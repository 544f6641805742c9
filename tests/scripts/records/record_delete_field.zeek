# delete r$f unsets an &optional field; a deleted &default field reads as its default again
type Entry: record {
	key: string;
	value: string &optional;
	hits: count &default=10;
};

event zeek_init()
	{
	local e = Entry($key="k", $value="v", $hits=99);
	print e;
	delete e$value;
	print e?$value, e;
	delete e$hits;
	print e$hits;
	e$value = "again";
	print e?$value, e$value;
	}
