# Loading a directory loads the __load__.zeek file inside it.
@load toolbox

print toolbox_parts;
