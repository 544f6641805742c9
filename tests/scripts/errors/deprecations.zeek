# &deprecated globals, functions, events, hooks, types, enum names and record fields: each use
# warns (with the message, if any), in source order; a handler of a deprecated event is a use.
# @pragma push ignore-deprecations quiets what it covers, even inside an expression. A script
# marked @deprecated warns where it is loaded from (not under the pragma).
@load ./old-lib
@pragma push ignore-deprecations
@load ./quiet-lib
@pragma pop ignore-deprecations

module Dep;

export {
	global old_limit: count = 5 &deprecated="use new_limit";
	type Handle: string &deprecated;
	type Mode: enum { FAST, SLOW &deprecated="FAST is enough" };
	type Conf: record {
		keep: count &default=1;
		legacy: string &optional &deprecated="gone in 2.0";
	};
	global tick: event(n: count) &deprecated;
}

function helper(): count &deprecated="inline it"
	{
	return old_limit;
	}

event tick(n: count)
	{
	print "tick", n;
	}

event zeek_init()
	{
	local h: Handle = "x";
	print h, FAST, SLOW, helper();
	local c = Conf($legacy="l");
	c = [$keep=2, $legacy="m"];
	if ( c?$legacy )
		print c$legacy;
	event tick(1);
@pragma push ignore-deprecations
	print old_limit, SLOW;
	local quiet = Conf($legacy="q");
@pragma pop ignore-deprecations
	local mixed = Conf($keep=3,
@pragma push ignore-deprecations
		$legacy=quiet$legacy,
@pragma pop
	);
	print mixed;
	}
