# str_smith_waterman: common substrings of two strings, one alignment or several, with the
# minimum length and the whole inputs in each alignment.
function show(label: string, s1: string, s2: string, p: sw_params)
	{
	local found = str_smith_waterman(s1, s2, p);
	print fmt("%s: %d found", label, |found|);
	for ( i in found )
		print fmt("  '%s' at %d/%d new=%s (%s | %s)", found[i]$str, found[i]$aligns[0]$index,
		    found[i]$aligns[1]$index, found[i]$new, found[i]$aligns[0]$str, found[i]$aligns[1]$str);
	}

event zeek_init()
	{
	show("single", "the quick brown fox", "a quick brown dog", sw_params());
	show("multiple", "abcXXdefYYghi", "abc--def--ghi", sw_params($min_strlen=3, $sw_variant=1));
	show("too short for the minimum", "ab", "ab", sw_params());
	show("minimum one", "xay", "bab", sw_params($min_strlen=1));
	show("nothing in common", "aaaa", "bbbb", sw_params($min_strlen=1, $sw_variant=1));
	}
