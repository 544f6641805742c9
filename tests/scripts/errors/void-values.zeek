# @EXIT: 1
# Zeek's internal void: indexing a set, or calling a function without a result, gives nothing
# that can be assigned, printed or sized.
function nothing()
	{
	print "nothing";
	}

global s = set(1.2.3.4, 5.6.7.8);
global v: any = s[1.2.3.4];
global w: any = nothing();

event zeek_init()
	{
	print |s[5.6.7.8]|;
	print "x", nothing();
	local y: any = s[1.2.3.4];
	}
