# Declares its own module; the loading file's module is restored afterwards.
module MathLib;

export {
	global square: function(n: count): count;
	const name = "MathLib";
}

function square(n: count): count
	{
	return n * n;
	}
