# to_string_literal escapes quotes, backslashes and non-printables; escape_string escapes backslashes and non-printables.
event zeek_init()
	{
	local s = "say \"hi\" \\ tab\t";
	print s;
	print to_string_literal(s);
	print escape_string(s);
	print clean(s);
	print |s|, |to_string_literal(s)|, |escape_string(s)|, |clean(s)|;
	print string_to_ascii_hex("AZ\n");
	}
