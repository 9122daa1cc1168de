'use strict';
// CPU time as Linux counts it (/proc), for the benches' "CPU per request / per message" lines:
// unlike wall time, it says which process did the work on a machine whose cores are all busy.
const { execFileSync } = require('node:child_process');
const { readFileSync } = require('node:fs');

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU time (user and system) a process has used so far, in ms; 0 once it is gone. */
function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** The machine's CPU time so far, busy and in all, in ms summed over its cores. */
function machineCpuMs() {
  const [, ...times] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = times.map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy: (busy * 1000) / CLOCK_TICKS, total: ((busy + idle + iowait) * 1000) / CLOCK_TICKS };
}

module.exports = { processCpuMs, machineCpuMs };
