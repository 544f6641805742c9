# open truncates, open_for_append appends; a closed file is no longer active but keeps its name.
event zeek_init()
	{
	local f = open("log.txt");
	print active_file(f);
	print f, "one";
	close(f);

	f = open_for_append("log.txt");
	print f, "two";
	close(f);
	print file_size("log.txt");

	f = open("log.txt");
	close(f);
	print file_size("log.txt");
	print get_file_name(f), active_file(f);
	}
