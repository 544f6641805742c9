# Part one of the toolbox package.
global toolbox_parts: vector of string;
toolbox_parts += "first";
