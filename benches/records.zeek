# Measures: record construction, appending records to a vector, and field access in a pass over the vector.

type Item: record {
	id: count;
	name: string;
	score: double;
	even: bool;
};

global N: count = 300000;

event zeek_init()
	{
	local v: vector of Item = vector();
	local i: count = 0;
	local r: Item;

	while ( i < N )
		{
		r = Item($id=i, $name="item", $score=i * 0.5, $even=(i % 2 == 0));
		v[|v|] = r;
		++i;
		}

	print |v|;

	local idsum: count = 0;
	local scoresum: double = 0.0;
	local evens: count = 0;
	local namelen: count = 0;
	i = 0;

	while ( i < |v| )
		{
		r = v[i];
		idsum += r$id;
		scoresum += r$score;
		namelen += |r$name|;

		if ( r$even )
			++evens;

		++i;
		}

	print idsum, evens, namelen;
	print fmt("%.1f", scoresum);
	}
