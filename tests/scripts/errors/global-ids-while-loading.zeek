# @EXIT: 1
# global_ids() cannot run while the scripts are still being read (a global's initializer).
global early = global_ids();
print |early|;
