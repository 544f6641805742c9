# for over a string yields its characters one by one, as strings.
event zeek_init()
	{
	local word = "zeek";
	local out = "";

	for ( ch in word )
		{
		print ch;
		out = ch + out;
		}

	print out;

	for ( ch in "" )
		print "never";
	}
