// Judging without a sandbox: the XSS parser check, the channel token filter, and the PoC/test
// decision table (positive evidence wins; completed → not triggered; timeout → listed; else fail-closed).

import { describe, expect, it } from 'vitest';
import { findExecutableNonce, judgePoc, judgeTests, parseChannel, type ChannelRecord } from '../../src/dynamic/judge.js';
import type { SandboxResult } from '../../src/dynamic/sandbox.js';
import type { CanarySecrets } from '../../src/dynamic/canary.js';

const N = 'ase0123456789abcdef';

describe('findExecutableNonce (CWE-79 verdict, parse5)', () => {
  const executable: [string, string][] = [
    [`<script>${N}()</script>`, 'script element'],
    [`<p>hi</p><img src=x onerror=${N}()>`, 'event-handler attribute onerror'],
    [`<a href=" java\tscript:${N}()">x</a>`, 'javascript: URL in href'],
    [`<p title="" onmouseover="${N}()">x</p>`, 'event-handler attribute onmouseover'],
    [`<iframe srcdoc="<script>${N}()</script>"></iframe>`, 'srcdoc: script element'],
    [`<template><img src=x onerror=${N}()></template>`, 'event-handler attribute onerror'],
    [`<textarea></textarea><script>${N}()</script>`, 'script element'],
    [`<svg onload=${N}()>`, 'event-handler attribute onload'],
    [`<script type="module">${N}()</script>`, 'script element'],
    [`<script>var q = "x";${N}()</script>`, 'script element'],
    [`<script>var q = \`a\${${N}()}b\`</script>`, 'script element'],
    [`<a href="javascript:%20${N}()">x</a>`, 'javascript: URL in href'],
  ];
  const inert = [
    `<p>&lt;script&gt;${N}()&lt;/script&gt;</p>`,
    `<p title="&quot; onmouseover=&quot;${N}()">x</p>`,
    `<textarea><script>${N}()</script></textarea>`,
    `<script type="application/json">{"x":"${N}"}</script>`,
    `<a href="/search?q=javascript:${N}()">x</a>`,
    `<!-- <script>${N}()</script> -->`,
    `<title><img src=x onerror=${N}()></title>`,
    `no nonce here <script>alert(1)</script>`,
    `<script>var q = "\\u003cscript\\u003e${N}()\\u003c/script\\u003e";</script>`,
    `<script>var q = '${N}()'; // ${N}()\n/* ${N}() */</script>`,
    `<script>var q = \`${N}()\`</script>`,
    `<button onclick="search('${N}()')">x</button>`,
    `<a href="javascript:void('${N}()')">x</a>`,
  ];
  for (const [html, where] of executable) it(`executable: ${html}`, () => expect(findExecutableNonce(html, N)).toBe(where));
  for (const html of inert) it(`inert: ${html}`, () => expect(findExecutableNonce(html, N)).toBeUndefined());
});

const secrets: CanarySecrets = { secret: 'ase-secret-x1', markerName: 'm1', xssNonce: N, pollutionKey: 'ase_pp_1', sqlSecret: 'ase-row-1', sqlNonce: 'asqNONCE42' };
const TOKEN = 'tok';
const ok: SandboxResult = {
  exitCode: 0, signal: null, timedOut: false, oom: false, outputExceeded: false, aborted: false, stdout: '', stderr: '',
  stdoutTruncated: false, stderrTruncated: false, channel: '', durationMs: 10, cgroup: 'v1',
};
const rec = (k: string, extra: Record<string, unknown> = {}): ChannelRecord => ({ k, ...extra });
const completed = [rec('start', { attack: 'path-traversal', n: 1 }), rec('end', { attack: 'path-traversal', n: 1 }), rec('script-end', { how: 'natural' })];
const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('parseChannel', () => {
  it('keeps only lines with this run\'s token and counts the rest', () => {
    const text = [JSON.stringify({ t: TOKEN, k: 'start' }), JSON.stringify({ k: 'script-end' }), JSON.stringify({ t: 'other', k: 'end' }), 'garbage', ''].join('\n');
    expect(parseChannel(text, TOKEN)).toEqual({ records: [{ t: TOKEN, k: 'start' }], rejected: 3 });
  });
});

describe('judgePoc decision table', () => {
  it('completed with untouched canaries → not triggered', () => {
    expect(judgePoc(ok, completed, secrets, new Set()).value).toBe(false);
  });
  it('the secret in returned data → triggered, even when the run then crashed or timed out', () => {
    const ev = rec('evidence', { attack: 'path-traversal', n: 1, returned: [b64('xx ase-secret-x1 yy')] });
    expect(judgePoc(ok, [...completed, ev], secrets, new Set()).value).toBe(true);
    expect(judgePoc({ ...ok, exitCode: null, signal: 'SIGKILL', timedOut: true }, [completed[0]!, ev], secrets, new Set()).value).toBe(true);
  });
  it('the marker seen by the watcher → triggered, whatever the records say', () => {
    expect(judgePoc(ok, completed, secrets, new Set(['m1'])).value).toBe(true);
    expect(judgePoc(ok, completed, secrets, new Set(['m2', 'not-vulnerable'])).value).toBe(false);
  });
  it('prototype pollution and SQL row evidence', () => {
    expect(judgePoc(ok, [...completed, rec('evidence', { attack: 'prototype-pollution', polluted: true })], secrets, new Set()).value).toBe(true);
    expect(judgePoc(ok, [...completed, rec('evidence', { attack: 'sql-injection', returned: [b64('[{"name":"ase-row-1"}]')] })], secrets, new Set()).value).toBe(true);
  });
  it('timeout with untouched canaries → not triggered, listed', () => {
    const v = judgePoc({ ...ok, exitCode: null, signal: 'SIGKILL', timedOut: true }, [completed[0]!], secrets, new Set());
    expect(v).toMatchObject({ value: false, timed_out: true });
    expect(v.detail).toContain('timed out');
  });
  it('incomplete runs count as triggered (fail-closed)', () => {
    for (const records of [[], [completed[0]!], [completed[0]!, completed[1]!], [...completed.slice(0, 2), rec('script-end', { how: 'exit', from: '/ase/repo/index.js' })]]) {
      const v = judgePoc(ok, records, secrets, new Set());
      expect(v.value).toBe(true);
      expect(v.detail).toMatch(/^incomplete: /);
    }
  });
  it('sandbox setup failure → infra error, not a verdict', () => {
    expect(judgePoc({ ...ok, exitCode: null, setupError: 'bwrap: boom' }, [], secrets, new Set())).toMatchObject({ value: null, infra_error: 'sandbox: bwrap: boom' });
  });
});

describe('judgeTests', () => {
  it('exit 0 and a natural end → passed; exit by the instance script → passed', () => {
    expect(judgeTests(ok, [rec('script-end', { how: 'natural' })]).value).toBe(true);
    expect(judgeTests(ok, [rec('script-end', { how: 'exit', from: '/ase/instance/test.js' })]).value).toBe(true);
  });
  it('exit 0 without an end record, or exit from the code under test → failed', () => {
    expect(judgeTests(ok, []).value).toBe(false);
    expect(judgeTests(ok, [rec('script-end', { how: 'exit', from: '/ase/repo/lib/x.js' })]).value).toBe(false);
    expect(judgeTests(ok, [rec('script-end', { how: 'other' })]).value).toBe(false);
  });
  it('non-zero exit, signal, timeout → failed; no channel (php/python) → exit code alone', () => {
    expect(judgeTests({ ...ok, exitCode: 1 }, [rec('script-end', { how: 'natural' })]).value).toBe(false);
    expect(judgeTests({ ...ok, exitCode: null, signal: 'SIGKILL', timedOut: true }, []).value).toBe(false);
    expect(judgeTests(ok, undefined).value).toBe(true);
  });
});
