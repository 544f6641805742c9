# A script with nothing but this comment produces no output and exits with status 0.
