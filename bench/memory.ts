/**
 * Peak memory of a server process and its children, sampled from /proc (Linux).
 * `next start` may fork workers, so the whole tree is summed; VmHWM is the
 * kernel's own high-water mark for each process.
 */
import fs from "node:fs";

function childrenOf(pid: number): number[] {
  const kids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) kids.push(Number(entry));
    } catch {
      // The process ended between listing and reading.
    }
  }
  return kids;
}

function tree(pid: number): number[] {
  return [pid, ...childrenOf(pid).flatMap(tree)];
}

function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

export function sampleMemory(pid: number, everyMs = 250) {
  let peakRssKb = 0;
  let peakHwmKb = 0;
  const sample = () => {
    const pids = tree(pid);
    peakRssKb = Math.max(
      peakRssKb,
      pids.reduce((sum, p) => sum + statusKb(p, "VmRSS"), 0),
    );
    peakHwmKb = Math.max(
      peakHwmKb,
      pids.reduce((sum, p) => sum + statusKb(p, "VmHWM"), 0),
    );
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      sample();
      clearInterval(timer);
      return { peakRssMb: peakRssKb / 1024, peakHwmMb: peakHwmKb / 1024, processes: tree(pid).length };
    },
  };
}

/** CPU time (user + system, ms) the process tree has used so far: per-request cost that contention does not distort much. */
export function cpuMs(pid: number): number {
  const ticksPerSecond = 100; // USER_HZ on Linux
  return tree(pid).reduce((sum, p) => {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return sum + ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
    } catch {
      return sum;
    }
  }, 0);
}
