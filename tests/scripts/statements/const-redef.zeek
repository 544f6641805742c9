# A const marked &redef can be changed by redef at parse time; its final value is seen everywhere.
const retries = 3 &redef;
const label = "default" &redef;
const fixed = 1.5;

redef retries = 5;
redef label = "custom";

event zeek_init()
	{
	print "zeek_init", retries, label, fixed;
	}

print "top-level", retries, label;
