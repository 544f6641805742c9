@deprecated "use new-lib instead"
global old_lib_value = 1;
