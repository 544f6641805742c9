# Vector slices v[a:b] with open ends and negative bounds produce new vectors
event zeek_init()
	{
	local v = vector("a", "b", "c", "d", "e");
	print v[1:3];
	print v[:2], v[3:];
	print v[-2:], v[1:-1];
	print v[3:1], v[0:100];
	local s = v[1:4];
	s[0] = "X";
	print s, v[1];
	print |v[2:2]|;
	}
