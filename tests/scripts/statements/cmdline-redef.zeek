# name=value arguments redefine &redef globals before any script code runs; string values need no quotes.
# @ARGS: threshold=25 banner=hello
const threshold = 10 &redef;
global banner = "default" &redef;

event zeek_init()
	{
	print threshold, banner;
	print threshold > 20;
	}
