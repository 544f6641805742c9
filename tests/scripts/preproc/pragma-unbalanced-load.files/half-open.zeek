# Pushes and never pops.
@pragma push ignore-deprecations
