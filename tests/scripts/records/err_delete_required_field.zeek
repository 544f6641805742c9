# Parse-time error: only &optional or &default fields can be deleted
# @EXIT: 1
type Job: record {
	id: count;
	owner: string &optional;
};

event zeek_init()
	{
	local j = Job($id=1, $owner="x");
	delete j$owner;
	delete j$id;
	}
