# @EXIT: 1
# Enumerator values must be counts that fit Zeek's signed range.
type Level: enum {
	LOW = 1,
	BELOW = -1,
	HUGE = 9223372036854775808,
	HIGH = 0x10,
};
