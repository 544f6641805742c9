# A declared but unconstructed record starts with all scalar fields unset; fields can be assigned one by one
type Person: record {
	name: string;
	age: count;
	email: string &optional;
	friends: set[string];
};

event zeek_init()
	{
	local p: Person;
	print p;
	p$name = "ann";
	p$age = 33;
	add p$friends["bo"];
	print p;
	p$age = p$age + 1;
	print p$age, |p$friends|, p?$email;
	}
