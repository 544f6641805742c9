# Hook bodies share container arguments by reference; return ends one body but later bodies still run.
global collect: hook(v: vector of string);

hook collect(v: vector of string) &priority=2
	{
	v += "first";
	return;
	v += "unreachable";
	}

hook collect(v: vector of string) &priority=1
	{
	v += "second";
	}

event zeek_init()
	{
	local items: vector of string = vector("start");
	print hook collect(items);
	print items;
	}
