# Parse-time errors name the whole offending expression: ++ on a non-number, a field of
# something that is not a record value, deleting a field that does not exist or is required.
# @EXIT: 1
type Rec: record {
	n: count;
	tags: vector of string;
	note: string &optional;
};

global v: vector of count = vector(1);
global r = Rec($n = 1, $tags = vector());

event zeek_init()
	{
	++v;
	++r$tags;
	print Rec$n;
	delete r$missing;
	delete r$n;
	delete r$note;
	}
