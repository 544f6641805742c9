# @EXIT: 1
# A type alias of a name that is not a type: the unknown name, then Zeek's alias error.
type Handle: stringg;
