# Relational and equality operators across numeric, string, interval, addr and port values
event zeek_init()
	{
	print 3 < 5, 5 <= 5, 6 > 7, 7 >= 8;
	print 2 == 2.0, 3 != 3, 0.5 < 1;
	print -1 < 1, 1 < -1, -3 == -3;
	print "apple" < "banana", "Zebra" < "apple", "ab" < "abc", "b" > "abc";
	print "same" == "same", "same" != "Same";
	print 1 min < 90 secs, 2 hrs == 120 mins;
	print 10.0.0.1 < 10.0.0.2, 10.0.0.1 == 10.0.0.1;
	print 80/tcp < 443/tcp, 53/udp == 53/udp;
	print T == T, T != F;
	}
