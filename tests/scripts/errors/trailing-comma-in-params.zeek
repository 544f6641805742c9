# @EXIT: 1
# A trailing comma after a function's last parameter is a syntax error, as in Zeek.
function f(x: count, y: count, )
	{
	}
