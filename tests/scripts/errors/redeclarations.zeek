# Declaring a name again: a global with a value is already defined, a function type keeps
# its flavor, a function may not be declared twice, an event's alternate prototype must use
# the first one's parameter names and differ from it; a second `local` of a name in one body
# is already defined.
# @EXIT: 1
global limit = 1;
global limit = 2;

global check: function(n: count): bool;
global check: function(n: count): bool;

global seen: event(host: string, n: count);
global seen: event(host: string, n: count);
global seen: event(address: string);
global seen: hook(host: string);

# A valid alternate prototype: a subset of the parameters, by name.
global seen: event(n: count);

event zeek_init()
	{
	local a = 1;
	if ( a > 0 )
		{
		local a = 2;
		}
	}
