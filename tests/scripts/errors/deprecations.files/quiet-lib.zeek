@deprecated
global quiet_lib_value = 2;
