# Pattern printing wraps the source text as ^?(...)$?, plus the /i and /s modifiers
event zeek_init()
	{
	local p = /ab+c/;
	print p, type_name(p);
	print /foo|bar/;
	print /[0-9]{2,3}/;
	print /^x$/;
	print /case/i;
	print /a.b/s;
	print vector(/x/, /y/);
	}
