export function processCpuMs(pid: number): number;
export function machineCpuMs(): { busy: number; total: number };
