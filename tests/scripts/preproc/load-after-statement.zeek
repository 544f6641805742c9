# All files form one parse: declarations in a file loaded after top-level statements are a syntax error.
# @EXIT: 1
print "main statement";
@load late_decls
