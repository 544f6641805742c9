# @ifdef / @ifndef test whether an identifier (or a module name) is defined at that point of parsing.
global present = 1;

module Tools;

export {
	global wrench = "wrench";
}

module GLOBAL;

@ifdef ( later )
global later_seen_early = T;
@else
global later_seen_early = F;
@endif

global later = 2;

@ifndef ( later )
global later_seen_after = F;
@else
global later_seen_after = T;
@endif

print "later seen before / after its declaration", later_seen_early, later_seen_after;

@ifdef ( present )
print "present is defined";
@endif

@ifdef ( absent )
print "absent is defined";
@else
print "absent is not defined";
@endif

@ifdef ( Tools::wrench )
print "Tools::wrench is defined";
@endif

@ifdef ( Tools )
print "module name Tools counts as defined";
@endif
