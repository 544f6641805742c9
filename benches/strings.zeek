# Measures: string building with fmt("%s-%d", ...) and concatenation with + in a loop, plus |s|.

global N: count = 600000;

event zeek_init()
	{
	local i: count = 0;
	local tag: string = "blk0";
	local piece: string;
	local acc: string = "";
	local total: count = 0;
	local flushes: count = 0;

	while ( i < N )
		{
		if ( i % 1000 == 0 )
			tag = fmt("blk%d", i / 1000);

		piece = fmt("%s-%d", tag, i);
		acc = acc + piece + ",";

		# Flush the accumulator once it passes 4 KiB, so the work stays
		# linear in N instead of copying an ever-growing string.
		if ( |acc| > 4096 )
			{
			total += |acc|;
			acc = "";
			++flushes;
			}

		++i;
		}

	total += |acc|;
	print total, flushes, |acc|;
	print piece;
	}
