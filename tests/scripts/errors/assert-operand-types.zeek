# An assert's condition must be a bool and its message a string.
# @EXIT: 1
event zeek_init()
	{
	assert 1 + 1;
	assert T, 42;
	}
