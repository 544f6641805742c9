# @EXIT: 1
# A function given a second body: an error naming both definitions, then a fatal error.
function greet(who: string)
	{
	print "hello", who;
	}

function greet(who: string)
	{
	print "hi", who;
	}
