# Package entry point: loading the directory loads this file.
@load ./first
@load ./second
