# A qualified name may use a keyword as a part (Zeek's lexer takes the longest match), and the
# bare-mode connection types exist: conn_id (with proto and ctx defaults) and flow_id.
global Option::set: function(x: count): count;

function Option::set(x: count): count
	{
	return x + 1;
	}

event zeek_init()
	{
	print Option::set(1);
	local c = conn_id($orig_h=10.0.0.1, $orig_p=5353/udp, $resp_h=[fe80::1], $resp_p=53/udp);
	print c;
	local seen: table[conn_id, bool] of count = { [c, T] = 1 };
	print seen[c, T], [c, F] in seen;
	print flow_id($src_h=1.2.3.4, $src_p=1/tcp, $dst_h=5.6.7.8, $dst_p=2/tcp);
	}
