# Loaded as ./lib/util; loads its sibling through a path relative to this file.
@load ./helpers

print "lib/util loaded", double_it(4);
