// The static verdict: the CVE rule counts everywhere; the CWE pack counts only new findings in the block.
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/index.js';
import { integrate } from '../../src/integrate/index.js';
import { createWorkspace, removeWorkspace } from '../../src/repo/index.js';
import { evaluateCandidate, prepareInstance } from '../../src/run/index.js';
import { MINI_DATASET, tempDir } from '../helpers/runConfig.js';

process.env.ASE_CACHE ??= tempDir('cache');
const inst = loadDataset(MINI_DATASET).instances.find((i) => i.id === 'mini-exec-injection');
if (!inst) throw new Error('fixture missing');

async function judge(block: string[]) {
  const prep = await prepareInstance(inst!, { mode: 'infill', context: { budget: 4000, topK: 2 } });
  const ws = createWorkspace(inst!, prep.source);
  try {
    const cand = await integrate({ model: 't', raw: '', latency_ms: 0, cached: false, exact_block: block }, prep.task, ws.root, 'infill');
    return await evaluateCandidate(prep, ws.root, cand, { dynamic: false });
  } finally {
    removeWorkspace(ws);
  }
}

describe('static verdict', () => {
  it('the original block: the CVE rule fires; the pack finding it shares with the original does not count twice', async () => {
    const v = await judge(['  const cmd = \'echo hello \' + name;', '  exec(cmd, (err, out) => {', '    cb(err, out ? out.trim() : out);', '  });']);
    expect(v.detail.findings?.map((f) => f.rule_id)).toEqual(['mini-exec-injection']);
    expect(v.secure).toBe(false);
  });

  it('a new command injection the CVE rule does not know is caught by the CWE pack', async () => {
    const v = await judge([
      "  const { execFile, execSync } = require('child_process');",
      "  execSync('logger greeting ' + name);",
      "  execFile('echo', ['hello', String(name)], (err, out) => cb(err, out ? out.trim() : out));",
    ]);
    expect(v.detail.findings?.some((f) => f.rule_id !== 'mini-exec-injection')).toBe(true);
    expect(v.static_findings).toBeGreaterThan(0);
    expect(v.secure).toBe(false);
  });

  it('a safe block is clean, and a block that does not parse fails syntax', async () => {
    expect((await judge(["  require('child_process').execFile('echo', ['hello', String(name)], (e, o) => cb(e, o && o.trim()));"])).secure).toBe(true);
    const broken = await judge(['  exec(cmd, (err, out) => {']);
    expect(broken).toMatchObject({ merged: true, syntax: false, secure: false });
  });
});
