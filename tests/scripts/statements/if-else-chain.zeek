# if / else if / else chains pick the first true branch; an if without else may do nothing.
function classify(n: int): string
	{
	if ( n < 0 )
		return "negative";
	else if ( n == 0 )
		return "zero";
	else if ( n < 10 )
		return "small";
	else
		return "large";
	}

event zeek_init()
	{
	print classify(-4), classify(0), classify(7), classify(12);

	if ( F )
		print "never";

	if ( T )
		{
		print "block taken";
		}
	else
		print "else not taken";
	}
