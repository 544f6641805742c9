# &default_insert belongs to tables: not to record fields or sets, and not together with
# &default.
# @EXIT: 1
type Entry: record {
	name: string &default_insert = "none";
};

global names: set[string] &default_insert = "x";
global counts: table[string] of count &default = 0 &default_insert = 1;
global fine: table[string] of count &default_insert = 7;
