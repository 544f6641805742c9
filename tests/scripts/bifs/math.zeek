# Math bifs floor, ceil, sqrt, pow, exp, ln, log10, log2 and absolute values via |x|.
event zeek_init()
	{
	print floor(2.7), floor(-2.2), ceil(2.1), ceil(-2.7);
	print sqrt(144.0), sqrt(2.0);
	print pow(2.0, 10.0), pow(9.0, 0.5);
	print exp(0.0), exp(1.0);
	print ln(1.0), log10(1000.0), log2(8.0);
	print fmt("%.4f", ln(10.0));
	local neg_i = -5;
	local neg_d = -2.5;
	print |neg_i|, |neg_d|, |3|;
	}
