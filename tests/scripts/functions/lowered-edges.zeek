# @EXIT: 1
# Function bodies run as lowered closures: their error paths and less common shapes must
# behave as the evaluator does (messages, locations, which handler is aborted). Errors in the
# events drained at startup make initialization fail, as in Zeek without ZEEK_ALLOW_INIT_ERRORS.

type R: record {
	a: count;
	b: string &default="dflt";
	c: int &optional;
};

function deep(n: count): count
	{
	return n == 0 ? 0 : 1 + deep(n - 1);
	}

function loops(): string
	{
	local s = "";
	for ( i in vector(10, 20, 30) )
		{
		if ( i == 1 )
			next;
		s += fmt("v%d;", i);
		}
	local t: table[count] of string = { [1] = "one", [2] = "two" };
	for ( k, v in t )
		if ( k == 2 )
			return s + v;
	return s;
	}

event numbers()
	{
	local c: count = 3;
	local i: int = -3;
	local d = 2.5;
	print c + 4, c - 1, c * 7, c / 2, c % 2, c < 4, c >= 3, c == 3, c != 3;
	print i + 4, i - 1, i * 7, i / 2, i % 2, i < -4, i > -4;
	print d + 1.0, d - 1.0, d * 2.0, d / 2.0, d < 3.0, -c, -i, -d, |i|, |d|;
	print c + i, d * c, c / 2.0;
	c -= 1;
	c += 10;
	++c;
	--c;
	i -= 10;
	print c, i;
	local z: count = 0;
	--z;
	print "wrapped", z;
	local u: count = 1;
	u -= 5;
	print "underflow", u;
	}

event strings_and_records()
	{
	local s = "ab";
	s += "cd";
	print s, s < "b", s == "abcd", |s|, s[1], s[1:3], "bc" in s;
	print "<" + s + ">" + s[0] + "|" + fmt("%d", |s|), "" + "", s + "";
	local r = R($a=1);
	print r$a, r$b, r?$c;
	r$c = -7;
	print r$c, r?$c, r;
	local v: vector of count = vector();
	v[2] = 5;
	print |v|, v, 2 in v, 0 in v;
	}

event tables()
	{
	local t: table[count] of count &default=99;
	t[1] = 10;
	t[2] += 5;
	print t[1], t[2], t[3], 1 in t, 3 in t, |t|;
	delete t[1];
	local s: set[string, count] = set();
	add s["x", 1];
	print ["x", 1] in s, ["x", 2] in s, |s|;
	delete s["x", 1];
	print |s|;
	print loops();
	}

event unset_local()
	{
	local x: count;
	print "before";
	if ( x < 3 )
		print "not reached";
	print "not reached either";
	}

event div_zero()
	{
	local a = 5;
	local b = 0;
	print a / b;
	}

event mod_zero()
	{
	local a: int = 5;
	local b: int = 0;
	print a % b;
	}

event missing_field()
	{
	local r = R($a=1);
	print r$c;
	}

event missing_index()
	{
	local t: table[string] of count;
	print t["nope"];
	}

event too_deep()
	{
	print deep(10);
	print deep(5000);
	}

event zeek_init()
	{
	event numbers();
	event strings_and_records();
	event tables();
	event unset_local();
	event div_zero();
	event mod_zero();
	event missing_field();
	event missing_index();
	event too_deep();
	}

event zeek_done()
	{
	print "done";
	}
