# Assignment shares containers by reference; copy() makes an independent deep copy
event zeek_init()
	{
	local t1: table[string] of count = { ["a"] = 1 };
	local t2 = t1;
	local t3 = copy(t1);
	t2["b"] = 2;
	print |t1|, |t2|, |t3|;
	local v1 = vector(1, 2);
	local v2 = v1;
	local v3 = copy(v1);
	v2[0] = 100;
	v3 += 3;
	print v1, v2, v3;
	local s1 = set("x");
	local s2 = copy(s1);
	add s1["y"];
	print |s1|, |s2|;
	local nested: table[count] of vector of string = { [1] = vector("p") };
	local shallow = nested;
	local deep = copy(nested);
	nested[1] += "q";
	print shallow[1], deep[1];
	}
