# A table's expiry interval is evaluated again on each expiration pass: a redef of the constant
# it names counts, and a negative interval switches expiration off (the entry stays).
redef exit_only_after_terminate = T;
redef table_expire_interval = 0.05 secs;

const keep_for = -1 secs &redef;
const never = -1 secs &redef;

global short: table[count] of string &write_expire=keep_for;
global forever: table[count] of string &create_expire=never;

redef keep_for = 0.2 secs;

event check(n: count)
	{
	print fmt("after %d checks: short %d, forever %d", n, |short|, |forever|);
	if ( n < 2 )
		schedule 0.5 secs { check(n + 1) };
	else
		terminate();
	}

event zeek_init()
	{
	short[1] = "a";
	forever[1] = "b";
	event check(0);
	}
