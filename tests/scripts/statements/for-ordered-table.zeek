# Tables and sets marked &ordered iterate in insertion order, also after a delete.
global scores: table[string] of count &ordered;
global tags: set[count] &ordered;

event zeek_init()
	{
	scores["zed"] = 3;
	scores["amy"] = 9;
	scores["mia"] = 5;

	for ( who, pts in scores )
		print who, pts;

	add tags[42];
	add tags[7];
	add tags[19];

	for ( t in tags )
		print "tag", t;

	delete scores["amy"];

	for ( who in scores )
		print "after delete", who;
	}
