// Child harness for kill.test.ts: lists the descriptors a sandboxed process sees.
import { runSandboxed } from '../../src/dynamic/sandbox.js';

const r = await runSandboxed({ argv: ['/bin/ls', '/proc/self/fd'], env: { PATH: '/usr/bin:/bin' }, mounts: [] });
process.stdout.write(`FDS ${r.stdout.split('\n').filter(Boolean).join(',')}\n`);
