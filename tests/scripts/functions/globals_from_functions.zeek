# Functions read and modify globals; globals keep their values across calls and events
global counter = 0;
global history: vector of count;

function bump(by: count)
	{
	counter += by;
	history += counter;
	}

event later()
	{
	bump(100);
	print counter, history;
	}

event zeek_init()
	{
	bump(1);
	bump(2);
	print counter;
	event later();
	}
