# @ARGS: -G test.seed
# to_json renders every kind of value as Zeek does (rapidjson numbers, ports as objects, sets as
# arrays, tables keyed by their indexes' JSON text, escaped record field names, unset fields
# left out); from_json reads values of a given type back, with Zeek's error texts.
module Test;

type Color: enum { Red, Blue };

type Inner: record {
	_hidden: count;
	label: string &log;
};

type Rec: record {
	c: count &log;
	i: int;
	d: double;
	when_: time;
	iv: interval;
	p: port;
	a: addr;
	s: subnet;
	re: pattern;
	col: Color;
	str: string;
	v: vector of count;
	st: set[string];
	inner: Inner;
	opt: string &optional;
	def: count &default = 7;
};

event zeek_init()
	{
	local r = Rec($c=1, $i=-2, $d=3.5, $when_=double_to_time(1681652265.042767), $iv=90 sec,
	              $p=80/tcp, $a=[2001:db8::1], $s=10.0.0.0/8, $re=/a+b/, $col=Blue,
	              $str="quote\" back\\ tab\t bell\x07", $v=vector(1, 2), $st=set("x"),
	              $inner=Inner($_hidden=3, $label="l"));
	print to_json(r);
	print to_json(r, T);
	print to_json(r, F, /^w/);
	print to_json(r$iv, F, /^_/, T);
	print to_json(1e21), to_json(1e20), to_json(0.000001), to_json(1.5e-7), to_json(-0.0);
	print to_json(table([1] = "one")), to_json(table(["k"] = 1));
	print to_json(table([1, "x"] = T)), to_json(set(1.2.3.4));
	print to_json(vector("caf\xc3\xa9", "bad\xff")), to_json(md5_hash_init());
	print to_json(T), to_json(Red), to_json(count);

	# The escaped field name does not read back; without escaping the round trip is exact.
	print from_json(to_json(r), Rec)$err;
	local back = from_json(to_json(r, F, /^XYZ/), Rec);
	print back$valid, to_json(back$v) == to_json(r);
	print from_json("[1, null, 3]", vector of count);
	print from_json("{\"1\": \"a\", \"x\": \"skipped\", \"2\": null}", table[count] of string);
	print from_json("[[1, \"a\"], [2, \"b\"]]", set[count, string]);
	print from_json("{\"[1,\\\"a\\\"]\": 5}", table[count, string] of count);
	print from_json("\"80/udp\"", port), from_json("{\"port\": 53, \"proto\": \"udp\"}", port)$v;
	print from_json("\"1 min 30 secs\"", interval)$v, from_json("\"1 fortnight\"", interval)$err;
	print from_json("-1", count)$err;
	print from_json("[1,]", vector of count)$err;
	print from_json("{\"label\": \"x\"}", Inner)$err;
	print from_json("{\"_hidden\": 1, \"label\": \"x\"}", Inner)$v;
	print from_json("\"Green\"", Color)$err, from_json("\"Test::Blue\"", Color)$v;
	print from_json("{\"LABEL\": \"x\", \"HIDDEN\": 2}", Inner, function(s: string): string {
		return s == "HIDDEN" ? "_hidden" : to_lower(s);
	})$v;
	}
