# Sets: constructors, add (idempotent), delete, membership and printing one element
event zeek_init()
	{
	local s: set[string];
	add s["a"];
	add s["b"];
	add s["a"];
	print |s|, "a" in s, "c" in s;
	delete s["a"];
	print |s|, "a" in s;
	print s;
	local nums = set(5, 6, 7);
	print type_name(nums), |nums|;
	local empty: set[port];
	print empty, |empty|;
	}
