# Containers nested inside containers: updates through index expressions act in place
event zeek_init()
	{
	local groups: table[string] of set[count];
	groups["odd"] = set(1, 3);
	groups["even"] = set(2);
	add groups["odd"][5];
	print |groups["odd"]|, 5 in groups["odd"], groups["even"];
	local grid: vector of vector of count;
	grid += vector(1, 2);
	grid += vector(3, 4);
	grid[1][0] = 30;
	print grid, grid[1][1];
	local lists: table[count] of vector of string;
	lists[7] = vector();
	lists[7] += "a";
	lists[7] += "b";
	print lists;
	local deep: table[string] of table[string] of count;
	deep["outer"] = table(["inner"] = 9);
	deep["outer"]["inner"] += 1;
	print deep["outer"]["inner"];
	}
