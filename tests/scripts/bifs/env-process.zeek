# getenv/setenv work on the process environment; getpid is positive; system() reports the shell's status.
event zeek_init()
	{
	print getenv("ZEEKLING_SURELY_UNSET_VARIABLE") == "";
	print setenv("ZEEKLING_TEST_VARIABLE", "some value");
	print getenv("ZEEKLING_TEST_VARIABLE");
	print setenv("ZEEKLING_TEST_VARIABLE", "changed");
	print getenv("ZEEKLING_TEST_VARIABLE");
	print getenv("TZ");
	print getpid() > 0;
	print system("true");
	}
