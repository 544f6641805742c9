# mkdir/open/print-to-file/write_file/close/file_size/unlink/rmdir; a failed unlink warns and returns F.
event zeek_init()
	{
	print mkdir("work_dir");
	print mkdir("work_dir");

	local f = open("work_dir/notes.txt");
	print f, "first line";
	print f, "second", 2;
	write_file(f, "raw");
	close(f);

	print file_size("work_dir/notes.txt");
	print file_size("work_dir/missing.txt");
	print unlink("work_dir/notes.txt");
	print unlink("work_dir/notes.txt");
	print rmdir("work_dir");
	print file_size("work_dir");
	}
