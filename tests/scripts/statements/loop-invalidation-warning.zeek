# Changing a table's or set's membership while a loop walks it gets Zeek's warning (changing a
# value, adding what is there or deleting what is not does not); other tables are not affected.
event zeek_init()
	{
	local t = table([1] = "one", [2] = "two");
	local other: table[count] of string;
	for ( k in t )
		{
		t[k] = "changed";
		delete t[99];
		other[k] = "free";
		}
	for ( k in t )
		{
		t[3] = "three";
		break;
		}
	for ( k in t )
		{
		delete t[3];
		break;
		}
	local s = set("a");
	for ( e in s )
		{
		add s["a"];
		add s["b"];
		break;
		}
	print |t|, |s|, |other|;
	}
