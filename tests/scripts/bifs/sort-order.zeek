# sort sorts a vector in place (numerically, or with a comparison function); order returns the sorting permutation.
function by_length(a: string, b: string): int
	{
	if ( |a| < |b| )
		return -1;

	if ( |a| > |b| )
		return 1;

	return 0;
	}

event zeek_init()
	{
	local nums = vector(5, 2, 9, 1);
	sort(nums);
	print nums;

	local ints = vector(-3, 5, -10);
	print sort(ints);

	local dbls = vector(2.5, -1.0, 0.5);
	sort(dbls);
	print dbls;

	local words = vector("ccc", "a", "bb");
	sort(words, by_length);
	print words;

	print order(vector(30, 10, 20));
	print order(vector("kiwi", "fig", "banana"), by_length);
	}
