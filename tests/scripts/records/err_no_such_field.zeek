# Parse-time error: accessing a field the record type does not have
# @EXIT: 1
type Box: record {
	width: count;
};

event zeek_init()
	{
	local b = Box($width=3);
	print b$height;
	}
