# Parse-time error: a lambda may only use outer locals that it captures
# @EXIT: 1
event zeek_init()
	{
	local x = 3;
	local y = "hello";
	local f = function[x]() { print y; };
	f();
	}
