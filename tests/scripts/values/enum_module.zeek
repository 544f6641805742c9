# Enums declared inside a module print with their module prefix, even inside the module
type Plain: enum { ALPHA, BETA };

module Shapes;

export {
	type Kind: enum { CIRCLE, SQUARE };
}

type Hidden: enum { INNER };

event zeek_init()
	{
	print CIRCLE;
	print Shapes::SQUARE;
	print INNER;
	print ALPHA, BETA;
	print fmt("%s/%s", SQUARE, BETA);
	}
