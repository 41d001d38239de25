/**
 * Worker of regex.test.ts: runs the regexes it is given one by one, posting the CPU time each took
 * (the test's thread only waits, so the process's CPU time is this worker's). Announces each regex
 * before running it, so the test can stop a catastrophic one and blame the right pattern.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { attackStrings, runRegex, type FoundRegex } from './regexLib';

const { regexes, from } = workerData as { regexes: FoundRegex[]; from: number };
for (let i = from; i < regexes.length; i++) {
  const r = regexes[i];
  parentPort!.postMessage({ type: 'begin', index: i });
  const strings = attackStrings(r.source);
  const start = process.cpuUsage();
  let error: string | undefined;
  try {
    runRegex(r.source, r.flags, strings);
  } catch (e) {
    error = (e as Error).message;
  }
  const used = process.cpuUsage(start);
  parentPort!.postMessage({ type: 'done', index: i, ms: (used.user + used.system) / 1000, error });
}
