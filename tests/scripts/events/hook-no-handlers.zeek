# A hook without any bodies is a no-op that yields T; hook calls can drive conditions.
global unused_hook: hook(s: string);
global veto: hook(s: string);

hook veto(s: string)
	{
	if ( s == "deny" )
		break;
	}

event zeek_init()
	{
	print hook unused_hook("anything");

	if ( hook veto("allow") )
		print "allow passed";

	if ( ! hook veto("deny") )
		print "deny vetoed";

	hook veto("statement form");
	print "done";
	}
