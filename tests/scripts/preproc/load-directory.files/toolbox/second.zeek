# Part two of the toolbox package.
toolbox_parts += "second";
