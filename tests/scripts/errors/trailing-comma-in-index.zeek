# @EXIT: 1
# A trailing comma is not allowed in the index list of a table constructor entry.
global tab: table[string, string] of string = {
	["abc", "def", ] = "ghi",
};
