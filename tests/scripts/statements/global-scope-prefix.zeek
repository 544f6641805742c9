# Inside a module, ::name refers to the GLOBAL identifier even when the module has its own name.
global level = "global level";

function whoami(): string
	{
	return "GLOBAL::whoami";
	}

module Deep;

export {
	global level = "Deep level";
}

function whoami(): string
	{
	return "Deep::whoami";
	}

event zeek_init()
	{
	print level;
	print ::level;
	print Deep::level;
	print whoami();
	print ::whoami();
	}
