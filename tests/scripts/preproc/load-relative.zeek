# "@load ./path" is resolved relative to the directory of the file containing the @load.
@load ./lib/util

print double_it(21);
