# Library loaded by load-file.zeek; declarations only.
global greeting_count = 0;

function greet(who: string): string
	{
	++greeting_count;
	return fmt("hello, %s", who);
	}
