# global_ids(): each script-level identifier with its type name, flags, value and attributes
# (as written); enum names and modules are there too.
module Inv;

export {
	global limit: count = 3 &redef;
	option verbose = F;
	const names: set[string] = { "a" } &redef;
	type Kind: enum { SMALL, LARGE };
}

global hidden: table[string] of count &default=0 &read_expire=5 min;

event zeek_init()
	{
	local ids = global_ids();
	print ids["Inv::limit"];
	print ids["Inv::verbose"]$option_value, ids["Inv::verbose"]$constant, ids["Inv::verbose"]$exported;
	print ids["Inv::names"]$type_name, ids["Inv::names"]$attributes;
	print ids["Inv::hidden"]$exported, ids["Inv::hidden"]$attributes;
	print ids["Inv::LARGE"]$enum_constant, ids["Inv::LARGE"]$value;
	print ids["zeek_init"]$type_name, "module Inv" in ids, "module GLOBAL" in ids;
	}
