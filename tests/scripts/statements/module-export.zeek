# Names declared in a module are reached as Module::name from GLOBAL and unqualified inside the module.
module Inventory;

export {
	global items: count = 4;
	global describe: function(): string;
}

global secret = "hidden";

function describe(): string
	{
	return fmt("%d items, %s", items, secret);
	}

module GLOBAL;

global items = "global items";

event zeek_init()
	{
	print Inventory::items;
	print Inventory::describe();
	print items;
	Inventory::items = 9;
	print Inventory::describe();
	}
