// Child harness for kill.test.ts. First lists the descriptors a sandboxed process sees (this
// process was given extra inherited ones), then runs one sandboxed test that never ends, until the
// parent SIGKILLs it.
import path from 'node:path';
import { runTests } from '../../src/dynamic/index.js';
import { runSandboxed } from '../../src/dynamic/sandbox.js';
import { HOSTILE, instance } from './support.js';

const fds = await runSandboxed({ argv: ['/bin/ls', '/proc/self/fd'], env: { PATH: '/usr/bin:/bin' }, mounts: [] });
process.stdout.write(`FDS ${fds.stdout.split('\n').filter(Boolean).join(',')}\n`);
const repoRoot = process.argv[2]!;
await runTests({
  instance: instance(path.join(HOSTILE, 'instance'), { poc: undefined }), repoRoot, timeoutMs: 60_000,
  onSpawn: (pid) => process.stdout.write(`SPAWNED ${pid}\n`),
});
process.stdout.write('FINISHED\n');
