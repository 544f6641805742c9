# Reports its own file name when loaded.
global helper_file = @FILENAME;
