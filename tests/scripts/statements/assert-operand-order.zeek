# A failed assert shows its condition as Zeek rebuilds it: == and != put the operand of the
# "smaller" kind first (a name before a constant, a constant before a call), > becomes <.
function zero(): count
	{
	return 0;
	}

event check()
	{
	local n = 3;
	local r = [$a = 1];
	assert zero() == 1;
	}

event check()
	{
	local n = 3;
	assert 4 == n;
	}

event check()
	{
	local r = [$a = 1];
	assert r$a != 1, fmt("a is %d", r$a);
	}

event check()
	{
	local n = 3;
	assert n > 5;
	}

event zeek_done()
	{
	event check();
	}
