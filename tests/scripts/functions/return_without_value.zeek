# Functions without a return type: bare "return" exits early
global log_lines: vector of string;

function note(msg: string)
	{
	if ( msg == "" )
		return;
	log_lines += msg;
	}

function first_negative(v: vector of int)
	{
	for ( i in v )
		{
		if ( v[i] < 0 )
			{
			print "negative at", i;
			return;
			}
		}
	print "none negative";
	}

event zeek_init()
	{
	note("one");
	note("");
	note("two");
	print log_lines;
	first_negative(vector(3, -1, -2));
	first_negative(vector(+1, +2));
	}
