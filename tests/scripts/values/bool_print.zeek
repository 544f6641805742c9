# Printing of bool values, bool variables and bool-valued expressions
global yes = T;
global no: bool = F;

event zeek_init()
	{
	print yes, no;
	print T, F;
	print yes && no, yes || no, !yes, !no;
	print 3 < 4, 4 < 3, "a" == "a";
	local v = vector(T, F, T);
	print v;
	print type_name(yes), |yes|, |no|;
	}
