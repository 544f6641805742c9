# @FILENAME expands to the base name of the file in which it appears.
@load named_helper

print @FILENAME;
print helper_file;
print type_name(@FILENAME);
