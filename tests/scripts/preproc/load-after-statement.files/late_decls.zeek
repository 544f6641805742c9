# Declares a global, which is not allowed once top-level statements have begun.
global too_late = 1;
