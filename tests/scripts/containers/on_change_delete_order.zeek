# &on_change runs after a delete has taken effect: the handler sees the removed value,
# the table without the element, and may put the element back (its own change does not
# call it again).

global seen: table[string] of count &on_change=function(t: table[string] of count, tpe: TableChange, k: string, v: count)
	{
	print "change", tpe, k, v, k in t, |t|;
	if ( tpe == TABLE_ELEMENT_REMOVED && k == "keep" )
		t[k] = v + 100;
	};

global names: set[string] &on_change=function(s: set[string], tpe: TableChange, k: string)
	{
	print "set change", tpe, k, k in s;
	};

event zeek_init()
	{
	seen["drop"] = 1;
	seen["keep"] = 2;
	delete seen["drop"];
	delete seen["keep"];
	delete seen["absent"];
	print seen;
	add names["a"];
	delete names["a"];
	delete names["a"];
	print names;
	}
