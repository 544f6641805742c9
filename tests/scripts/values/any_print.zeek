# Values stored in "any" print as the underlying value; type_name reports the dynamic type
function show(x: any)
	{
	print x, type_name(x);
	}

event zeek_init()
	{
	show(5);
	show(-5);
	show("text");
	show(2.5);
	show(1.2.3.4);
	show(vector(1, 2));
	local a: any = 443/tcp;
	print a;
	a = T;
	print a;
	}
