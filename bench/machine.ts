/** The machine a run was made on, printed with its numbers: they mean little without it. */
import { execSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";

export type MachineFacts = { date: string; nproc: string; cpuModel: string; memoryGb: number; node: string; uptimeStart: string };

export function machineFacts(): MachineFacts {
  const cpuinfo = fs.existsSync("/proc/cpuinfo") ? fs.readFileSync("/proc/cpuinfo", "utf8") : "";
  return {
    date: new Date().toISOString(),
    nproc: execSync("nproc").toString().trim(),
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    uptimeStart: execSync("uptime").toString().trim(),
  };
}
