# An event declared inside a module is named Module::name; handlers can be defined inside or outside the module.
module Sensor;

export {
	global reading: event(v: count);
}

event reading(v: count)
	{
	print "handler inside Sensor", v;
	}

module GLOBAL;

event Sensor::reading(v: count)
	{
	print "handler in GLOBAL", v + 1;
	}

event zeek_init()
	{
	event Sensor::reading(41);
	}
