# @DIR expands to the absolute directory of the current script; for a script found as ./x.zeek it ends in "/.".
global d = @DIR;

print starts_with(d, "/");
print ends_with(d, "/.");
print d == fmt("%s", @DIR);
