# String indexing and slicing with positive, negative and out-of-range indices
event zeek_init()
	{
	local s = "zeekling";
	print s[0], s[3], s[7], s[-1], s[-8];
	print s[1:3], s[4:], s[:4];
	print s[-4:], s[-3:-1], s[0:100];
	print |s[8]|, |s[20]|, |s[5:2]|, |s[-9]|, |s[2:2]|;
	print s[-100:3], s[6:100];
	local i = 2;
	print s[i:i + 3], s[i];
	print s[1:5][1:3];
	}
