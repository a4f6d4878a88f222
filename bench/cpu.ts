/** CPU seconds spent so far by this process and by another (the dev server), to split a phase's cost between them. */
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function processCpuSeconds(pid: number): number {
  // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

export interface CpuSplit {
  serverSeconds: number;
  benchProcessSeconds: number;
}

export function cpuMeter(serverPid: number): () => CpuSplit {
  const server0 = processCpuSeconds(serverPid);
  const own0 = process.cpuUsage();
  return () => {
    const own = process.cpuUsage(own0);
    return {
      serverSeconds: processCpuSeconds(serverPid) - server0,
      benchProcessSeconds: (own.user + own.system) / 1e6,
    };
  };
}
