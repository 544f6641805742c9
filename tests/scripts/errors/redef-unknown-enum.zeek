# @EXIT: 1
# Extending an enum type that does not exist is fatal, reported at the redef's first line.
redef enum NoSuchEnum += {
	A,
	B
};
