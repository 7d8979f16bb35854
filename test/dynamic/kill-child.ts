// Child harness for kill.test.ts: runs one sandboxed test that never ends, until it is SIGKILLed.
import path from 'node:path';
import { runTests } from '../../src/dynamic/index.js';
import { HOSTILE, instance } from './support.js';

const repoRoot = process.argv[2]!;
await runTests({
  instance: instance(path.join(HOSTILE, 'instance'), { poc: undefined }), repoRoot, timeoutMs: 60_000,
  onSpawn: (pid) => process.stdout.write(`SPAWNED ${pid}\n`),
});
process.stdout.write('FINISHED\n');
