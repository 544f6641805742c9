# hexstr_to_bytestring decodes pairs of hex digits; an odd length is reported (without a
# location, as Zeek does) and gives an empty string.
event zeek_done()
	{
	print hexstr_to_bytestring("414243");
	print "[" + hexstr_to_bytestring("414") + "]";
	}
