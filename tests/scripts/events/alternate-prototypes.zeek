# Alternate event prototypes let a handler take a subset or a reordering of the declared parameters.
global measure: event(name: string, value: count, unit: string);
global measure: event(value: count, name: string);
global measure: event(unit: string);

event measure(name: string, value: count, unit: string)
	{
	print "full", name, value, unit;
	}

event measure(value: count, name: string)
	{
	print "reordered", value, name;
	}

event measure(unit: string)
	{
	print "unit only", unit;
	}

event zeek_init()
	{
	event measure("weight", 70, "kg");
	}
