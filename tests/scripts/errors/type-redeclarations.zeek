# A name becomes a type once: declaring it again is an error (naming where it was first
# declared), and so is a type named like a variable. Completing an empty record is allowed.
# @EXIT: 1
type Stub: record {};
type Stub: record {
	n: count;
};

type Port: count;
type Port: string;

global limit = 3;
type limit: count;

event zeek_init()
	{
	print Stub($n = 1);
	}
