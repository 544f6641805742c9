# A record field with &default is implicitly &optional (as in Zeek), and so hashes with a
# presence byte when the record is a table index: the same ids iterate in another order than
# with a plain field.
# @ARGS: -G test.seed
type Plain: record {
	id: count;
};

type Defaulted: record {
	id: count &default=0;
};

# record_fields() lists fields in declaration order (Zeek makes its table &ordered).
type Several: record {
	zeta: count;
	alpha: string &optional;
	mid: bool &default=T;
	beta: int &log;
};

global plain: table[Plain] of count;
global defaulted: table[Defaulted] of count;

event zeek_init()
	{
	local i = 1;
	while ( i <= 6 )
		{
		plain[Plain($id=i)] = i;
		defaulted[Defaulted($id=i)] = i;
		++i;
		}
	for ( [p], n in plain )
		print "plain", p, n;
	for ( [d], n in defaulted )
		print "defaulted", d, n;
	print record_fields(Defaulted);
	print record_fields(Several);
	}
