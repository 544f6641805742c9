# Statements only, so it can be loaded after the loader's statements have begun.
print "trailer statement", greeting_count;
