# Strings inside vectors, records and single-element tables print unquoted, with escapes
type Msg: record {
	text: string;
	tag: string;
};

event zeek_init()
	{
	local v = vector("a b", "c,d", "e\tf", "");
	print v;
	print |v|;
	local m = Msg($text="hi \"there\"", $tag="x\ny");
	print m;
	local t: table[string] of string = { ["k\x01"] = "v\x02" };
	print t;
	print "x", "", "y";
	}
