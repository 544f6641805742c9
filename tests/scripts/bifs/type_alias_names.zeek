# A type name declared for a built-in type keeps its name as a type value: printing shows it,
# and type_aliases() lists the names that alias the same type. Values of such a type are plain.
type Handle: string;
type OtherHandle: Handle;
type Unrelated: string;
type Small: count;

type Info: record {
	kind: any;
};

event zeek_init()
	{
	print Handle, OtherHandle, Small;
	print type_name(Handle), type_name(Small);
	local a = type_aliases(Handle);
	print |a|, "Handle" in a, "OtherHandle" in a;
	print type_aliases(OtherHandle) == a;
	print type_aliases(Unrelated);
	local h: Handle = "x";
	print |type_aliases(h)|, type_name(h);
	print Info($kind=Handle);
	print type_aliases(string);
	}
