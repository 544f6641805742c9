# A syntax error reports the offending token and its line, and nothing runs.
# @EXIT: 1
global unused = 1;

event zeek_init()
	{
	local x = 1 +;
	}
