# Reporter::info/warning/error print the script's own messages with the call's location;
# zeek_version names the Zeek release whose language zeekling follows.
event zeek_done()
	{
	Reporter::info("starting");
	Reporter::warning(fmt("%d things look odd", 3));
	print Reporter::error("this went wrong");
	local v = zeek_version();
	print /^[0-9]+\.[0-9]+\.[0-9]+-zeekling$/ == v;
	}
