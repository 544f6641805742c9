# &default record fields are filled in at construction, count as present, and can be overridden
type Settings: record {
	name: string;
	retries: count &default=3;
	timeout: interval &default=30 secs;
	ratio: double &default=1;
	tags: set[string] &default=set();
};

event zeek_init()
	{
	local s = Settings($name="a");
	print s$retries, s$timeout, s$ratio, |s$tags|;
	print s?$retries, s?$tags;
	local t = Settings($name="b", $retries=0, $ratio=0.5);
	print t$retries, t$ratio;
	add s$tags["x"];
	local u = Settings($name="c");
	print |s$tags|, |u$tags|;
	print Settings($name="d", $tags=set("only"));
	}
