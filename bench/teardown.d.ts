export interface Janitor {
  pid: number;
  process(pid: number): void;
  database(name: string): void;
  redisPrefix(prefix: string): void;
  worktree(dir: string): void;
  finish(): Promise<void>;
}
export function startJanitor(options: { pgBase: string; redisUrl: string; root: string }): Janitor;
export function cleanUpOnEveryExit(janitor: Janitor, log: (line: string) => void): void;
