// Filled in by the command line work.
process.stdout.write('procs: not implemented yet\n');
