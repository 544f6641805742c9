# Code given with -e is parsed after the script, so its top-level statements run after the script's.
# @ARGS: -e 'print "from -e", answer * 2;'
global answer = 21;

event zeek_init()
	{
	print "zeek_init";
	}

print "script top-level";
