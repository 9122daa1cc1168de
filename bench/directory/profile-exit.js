'use strict';
// Preloaded into an API the bench profiles (BENCH_CPU_PROFILE): node --cpu-prof writes its
// profile only when the process exits by itself, which SIGTERM's default action does not.
process.once('SIGUSR2', () => process.exit(0));
