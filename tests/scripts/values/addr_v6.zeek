# IPv6 address printing: lowercase hex, longest zero run compressed, single zeros kept
event zeek_init()
	{
	print [2001:db8::1];
	print [2001:0DB8:0000:0000:0000:0000:0000:0001];
	print [::1], [::];
	print [fe80::];
	print [2001:db8:0:0:1:0:0:1];
	print [2001:db8:0:1:0:0:0:1];
	print [1:2:3:4:5:6:7:8];
	print [ABCD:EF01::2345:6789];
	local a = [2001:db8::42];
	print |a|, type_name(a);
	}
