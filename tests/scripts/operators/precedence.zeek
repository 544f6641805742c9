# Operator precedence: * before +, unary minus, comparisons before && before ||, parentheses
event zeek_init()
	{
	print 2 + 3 * 4, (2 + 3) * 4;
	print 20 - 6 / 2 - 1;
	print -2 * -3 + 1;
	print 1 < 2 && 3 < 2 || T;
	print F || T && F;
	print 1 + 2 == 3, !F == T;
	print 6 & 3 == 2;
	print 1 | 2 ^ 3;
	print "a" + "b" == "ab";
	}
