# With a fixed seed file (-G), sets and tables print in Zeek's hash order, reproducibly.
# @ARGS: -G test.seed
global nums = set(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
global names: table[string] of count = { ["alpha"] = 1, ["beta"] = 2, ["gamma"] = 3, ["delta"] = 4 };

event zeek_init()
	{
	print nums;
	delete nums[3];
	add nums[11];
	for ( n in nums )
		print n;
	print names;
	}
