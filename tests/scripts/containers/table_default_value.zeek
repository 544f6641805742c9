# &default supplies a value for missing keys without inserting them; += works on it
global counts: table[string] of count &default=0;
global names: table[count] of string &default="unknown";

event zeek_init()
	{
	print counts["nothing"], |counts|;
	counts["a"] += 1;
	counts["a"] += 1;
	counts["b"] += 5;
	print counts["a"], counts["b"], |counts|;
	print names[7], 7 in names, |names|;
	names[7] = "seven";
	print names[7];
	local local_t: table[addr] of double &default=1.5;
	print local_t[1.1.1.1] * 2;
	}
