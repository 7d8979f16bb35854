// From what the harness observed to a DynamicVerdict. Inputs are the sandbox result (exit status
// recorded outside), the fd-3 channel records (kept only with this run's token), marker files
// seen by inotify, and the canaries' secrets. Stdout and stderr are never read for a verdict.

import { parse, type DefaultTreeAdapterMap } from 'parse5';
import type { DynamicVerdict } from '../core/index.js';
import type { CanarySecrets } from './canary.js';
import type { SandboxResult } from './sandbox.js';
import { SANDBOX_PATHS } from './constants.js';
import { isSqlDialect, nonceInSqlCode } from './sql-lex.js';

export interface ChannelRecord {
  k: string;
  [key: string]: unknown;
}

/** Records carrying this run's token, and how many lines did not (forgery attempts or noise). */
export function parseChannel(text: string, token: string): { records: ChannelRecord[]; rejected: number } {
  const records: ChannelRecord[] = [];
  let rejected = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as { t?: unknown; k?: unknown };
      if (r.t === token && typeof r.k === 'string') records.push(r as ChannelRecord);
      else rejected++;
    } catch {
      rejected++;
    }
  }
  return { records, rejected };
}

/** How the script ended, as preload.cjs saw it: ok when drained or exited by the instance's own script. */
export function scriptEnd(records: ChannelRecord[]): { ok: boolean; why: string } {
  const end = records.find((r) => r.k === 'script-end');
  if (!end) return { ok: false, why: 'no end-of-script record (exited without running exit handlers, or the channel was tampered with)' };
  if (end.how === 'natural') return { ok: true, why: 'ran to its end' };
  const from = typeof end.from === 'string' ? end.from : '';
  if (end.how === 'exit' && from.startsWith(`${SANDBOX_PATHS.instance}/`)) return { ok: true, why: 'exited from the instance script' };
  if (end.how === 'exit') return { ok: false, why: `process.exit() called from ${from || 'unknown code'}, not from the instance script` };
  return { ok: false, why: 'ended before its event loop drained (uncaught error?)' };
}

function tail(s: string, n = 600): string {
  const t = s.trim();
  return t.length > n ? `…${t.slice(-n)}` : t;
}

function outcome(r: SandboxResult): string {
  const parts = [r.exitCode !== null ? `exit ${r.exitCode}` : `signal ${r.signal ?? '?'}`];
  if (r.timedOut) parts.push('wall-time limit');
  if (r.oom) parts.push('out of memory');
  if (r.outputExceeded) parts.push('output limit');
  parts.push(`cgroup ${r.cgroup}`);
  return parts.join(', ');
}

function base(r: SandboxResult): DynamicVerdict {
  return {
    value: null, exit_code: r.exitCode, signal: r.signal, duration_ms: Math.round(r.durationMs),
    ...(r.timedOut ? { timed_out: true } : {}),
  };
}

/** Harness-side failures: never the model's fault. */
export function infraVerdict(r: SandboxResult): DynamicVerdict | undefined {
  if (r.setupError) return { ...base(r), infra_error: `sandbox: ${r.setupError}` };
  if (r.aborted) return { ...base(r), infra_error: 'aborted by the harness' };
  return undefined;
}

/** Test verdict: exit code 0 recorded outside, and the script ran to its end (end record from preload.cjs, pyrun.py or append.php). */
export function judgeTests(r: SandboxResult, records: ChannelRecord[] | undefined): DynamicVerdict {
  const infra = infraVerdict(r);
  if (infra) return infra;
  const v = base(r);
  const out = outcome(r);
  const stderr = r.stderr ? `; stderr: ${tail(r.stderr)}` : '';
  if (r.exitCode !== 0) return { ...v, value: false, detail: `${out}${stderr}` };
  if (records) {
    const end = scriptEnd(records);
    if (!end.ok) return { ...v, value: false, detail: `exit 0 but ${end.why}` };
  }
  return { ...v, value: true, detail: out };
}

type Node = DefaultTreeAdapterMap['childNode'] | DefaultTreeAdapterMap['document'];

const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'to', 'values', 'from', 'by']);
const JS_TYPES = new Set(['', 'text/javascript', 'application/javascript', 'module', 'text/ecmascript', 'application/ecmascript', 'text/jscript']);

/**
 * JavaScript source with string literals and comments blanked out (template literals keep their
 * `${…}` code), so that a nonce that survives only inside a string — properly escaped data, e.g.
 * `var q = "\u003cscript\u003eNONCE()…"` — does not count as code. Regex literals are not
 * recognised (a quote inside one may blank too much, never too little code: only strings are blanked).
 */
export function codeOutsideStrings(js: string): string {
  let out = '';
  let i = 0;
  const templateDepth: number[] = [];
  let braces = 0;
  while (i < js.length) {
    const c = js[i]!;
    const next = js[i + 1];
    if (c === '/' && next === '/') {
      const end = js.indexOf('\n', i);
      i = end < 0 ? js.length : end;
      continue;
    }
    if (c === '/' && next === '*') {
      const end = js.indexOf('*/', i + 2);
      i = end < 0 ? js.length : end + 2;
      out += ' ';
      continue;
    }
    if (c === '"' || c === "'" || c === '`' || (c === '}' && templateDepth.length && templateDepth[templateDepth.length - 1] === braces)) {
      const quote = c === '}' ? '`' : c;
      if (c === '}') templateDepth.pop();
      i++;
      while (i < js.length && js[i] !== quote && !(js[i] === '\n' && quote !== '`')) {
        if (js[i] === '\\') { i += 2; continue; }
        if (quote === '`' && js[i] === '$' && js[i + 1] === '{') { templateDepth.push(braces); i += 2; break; }
        i++;
      }
      if (js[i] === quote) i++;
      out += ' ';
      continue;
    }
    if (c === '{') braces++;
    if (c === '}') braces--;
    out += c;
    i++;
  }
  return out;
}

/**
 * Where `nonce` survives as executable markup in `html`, or undefined. Looks at script elements
 * (JavaScript types), on* attributes, javascript: URLs (after removing whitespace and control
 * characters, as browsers do), meta refresh, and recursively inside srcdoc and template content.
 */
export function findExecutableNonce(html: string, nonce: string, depth = 0): string | undefined {
  if (depth > 3 || !html.includes(nonce)) return undefined;
  const doc = parse(html);
  const stack: Node[] = [doc];
  while (stack.length) {
    const node = stack.pop()!;
    if ('tagName' in node) {
      const attrs = node.attrs;
      if (node.tagName === 'script') {
        const type = (attrs.find((a) => a.name === 'type')?.value ?? '').trim().toLowerCase();
        const text = node.childNodes.map((c) => ('value' in c ? c.value : '')).join('');
        if (JS_TYPES.has(type) && codeOutsideStrings(text).includes(nonce)) return 'script element';
      }
      for (const a of attrs) {
        if (!a.value.includes(nonce)) continue;
        const name = a.name.toLowerCase();
        if (name.startsWith('on') && codeOutsideStrings(a.value).includes(nonce)) return `event-handler attribute ${name}`;
        // Browsers ignore whitespace and C0 control characters inside a URL scheme.
        // eslint-disable-next-line no-control-regex
        const squashed = a.value.replace(/[\s\u0000-\u001f]+/g, '').toLowerCase();
        if (URL_ATTRS.has(name) && squashed.startsWith('javascript:') && codeOutsideStrings(safeDecode(a.value)).includes(nonce)) return `javascript: URL in ${name}`;
        if (name === 'content' && squashed.includes('url=javascript:')) return 'javascript: URL in meta refresh';
        if (name === 'srcdoc') {
          const inner = findExecutableNonce(a.value, nonce, depth + 1);
          if (inner) return `srcdoc: ${inner}`;
        }
      }
      if (node.tagName === 'template' && 'content' in node) stack.push(node.content as unknown as Node);
    }
    if ('childNodes' in node) stack.push(...(node.childNodes as Node[]));
  }
  return undefined;
}

function safeDecode(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}

const decode = (v: unknown): Buffer[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map((x) => Buffer.from(x, 'base64')) : []);

/** Positive evidence in the records, or undefined. */
function evidenceFound(records: ChannelRecord[], s: CanarySecrets): string | undefined {
  const secret = Buffer.from(s.secret);
  const sqlSecret = Buffer.from(s.sqlSecret);
  for (const r of records) {
    if (r.k !== 'evidence') continue;
    if (r.attack === 'path-traversal' && decode(r.returned).some((b) => b.includes(secret))) return 'the secret file outside the served root came back';
    if (r.attack === 'sql-injection' && decode(r.returned).some((b) => b.includes(sqlSecret))) return 'the row only an injected query returns came back';
    if (r.attack === 'prototype-pollution' && r.polluted === true) return `Object.prototype gained ${s.pollutionKey}`;
    if (r.attack === 'sql-text') {
      const texts = decode(r.sql);
      // The PoC declares the dialect; a record without a known one cannot be judged: fail closed.
      if (texts.length && !isSqlDialect(r.dialect)) return `SQL text reported with an unknown dialect ${JSON.stringify(r.dialect)} (counted as triggered)`;
      const dialect = r.dialect as Parameters<typeof nonceInSqlCode>[2];
      if (texts.some((b) => nonceInSqlCode(b.toString('utf8'), s.sqlNonce, dialect))) return `the payload's nonce reached SQL code (${dialect} lexing: outside every literal, quoted identifier and comment)`;
    }
    if (r.attack === 'evidence-file') {
      for (const b of decode(r.returned)) {
        if (b.includes(secret)) return `the secret file outside the served root came back (${String(r.file)})`;
        if (b.includes(sqlSecret)) return `the row only an injected query returns came back (${String(r.file)})`;
        const where = findExecutableNonce(b.toString('utf8'), s.xssNonce);
        if (where) return `XSS payload survived as executable markup (${where}, ${String(r.file)})`;
      }
    }
    if (r.attack === 'xss') {
      for (const b of decode(r.html)) {
        const where = findExecutableNonce(b.toString('utf8'), s.xssNonce);
        if (where) return `XSS payload survived as executable markup (${where})`;
      }
    }
  }
  return undefined;
}

/**
 * PoC verdict (value = triggered). Positive evidence wins; otherwise a completed run is not triggered,
 * a timeout with untouched canaries is not triggered (listed), anything incomplete counts as triggered.
 */
export function judgePoc(
  r: SandboxResult, records: ChannelRecord[], s: CanarySecrets, markersSeen: Set<string>, rejected = 0,
  /** Runners without the node PoC helpers (php, python): completion is a zero exit and a clean end; evidence files that vanished are tampering. */
  exitCodeMode?: { vanished: string[] },
): DynamicVerdict {
  const v = base(r);
  const note = rejected ? `; ignored ${rejected} channel line(s) without this run's token` : '';
  if (markersSeen.has(s.markerName)) return { ...v, value: true, detail: `triggered: the injected command/expression created this run's marker (${outcome(r)})${note}` };
  const evidence = evidenceFound(records, s);
  if (evidence) return { ...v, value: true, detail: `triggered: ${evidence} (${outcome(r)})${note}` };
  const infra = infraVerdict(r);
  if (infra) return infra;
  if (r.timedOut) return { ...v, value: false, detail: `not triggered, but timed out with canaries untouched (${outcome(r)})${note}` };
  if (exitCodeMode) {
    const end = scriptEnd(records);
    const why = exitCodeMode.vanished.length ? `evidence file(s) ${exitCodeMode.vanished.join(', ')} were deleted during the run`
      : r.exitCode !== 0 ? `the PoC did not exit 0` : !end.ok ? end.why : undefined;
    if (why) return { ...v, value: true, detail: `incomplete: ${why}; counted as triggered (fail-closed) (${outcome(r)})` };
    return { ...v, value: false, detail: `not triggered: PoC exited 0, canaries untouched (${outcome(r)})` };
  }
  const started = records.filter((x) => x.k === 'start');
  const ended = new Set(records.filter((x) => x.k === 'end').map((x) => x.n));
  const unfinished = started.filter((x) => !ended.has(x.n));
  const end = scriptEnd(records);
  const incomplete = started.length === 0 ? 'no attack was recorded'
    : unfinished.length ? `attack ${unfinished.map((x) => String(x.attack)).join(', ')} did not finish`
      : !end.ok ? end.why : r.oom ? 'out of memory' : r.outputExceeded ? 'output limit' : undefined;
  if (incomplete) {
    const stderr = r.stderr ? `; stderr: ${tail(r.stderr, 300)}` : '';
    return { ...v, value: true, detail: `incomplete: ${incomplete}; counted as triggered (fail-closed) (${outcome(r)})${stderr}${note}` };
  }
  return { ...v, value: false, detail: `not triggered: ${started.length} attack(s) completed, canaries untouched (${outcome(r)})${note}` };
}
