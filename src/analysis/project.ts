// One scan: lists the files, parses each once, runs every rule's patterns natively, walks the
// functions of the files that can hold a flow, and resolves calls into other local modules
// through their summaries. Memory and speed (issue 3, bench/scan-speed):
// - no syntax tree outlives a scan: the cache keeps node-free facts only (content hash, syntax
//   error count, relative imports, whether a rule's sinks occur, per-rule results: findings and
//   function summaries keyed by the function's byte range); a scan keeps at most TREE_LIMIT
//   trees alive and parses a file again if it needs an evicted one;
// - a text prefilter decides most questions without a tree: a file whose text lacks the words of
//   every sink clause has no sink, one with no `'.`/`".` has no relative import;
// - each file is read and hashed at most once per scan, and not at all when its stat (size,
//   inode, mtime) is what it was when last read and that mtime was RACY_MS older than the read;
//   import resolution is memoised per scan;
// - what an importer got from a module (its exported summaries) is memoised in the module's
//   result, so an incremental rescan does not parse unchanged modules again.
// The cache maps are LRU-bounded (FILE_LIMIT entries, RESULT_LIMIT results); an evicted entry is
// recomputed when needed.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { SgRoot } from '@ast-grep/napi';
import type { AnalysisNotice, AnalysisResult, Finding, Language } from '../core/index.js';
import { errorMessage } from '../core/index.js';
import { clauseError, matchClauses, mayMatch, type ClauseMemo, type MatchSet } from './match.js';
import { LruMap } from './lru.js';
import { resetNodeCache } from './node-cache.js';
import { Pacer } from './pacer.js';
import { isParsable, languageOfFile, parseText } from './parse.js';
import { EXPORTED_PARAMS, EXPORTED_PARAMS_LABEL, PRESETS } from './presets.js';
import { ruleAppliesTo, type GuardClause, type PatternClause, type PropagatorClause, type Rule } from './rules.js';
import { collectImports, jsInventory, type FnInfo, type ImportBinding, type JsInventory } from './js-functions.js';
import { JsWalker, type Summary, type WalkContext } from './js-walker.js';
import { adapterFor, GENERIC_TAINT_LANGUAGES, GenericFile, type FileBinding, type Summary as GenericSummary } from './generic-walker.js';
import { byFocus, sourceLabel, step, type Trace } from './taint-core.js';

const TAINT_LANGUAGES = new Set<Language>(['javascript', 'typescript', 'tsx']);
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'vendor', '__pycache__', '.venv']);
const SOURCE_LANGS = new Set<Language>(['javascript', 'typescript', 'tsx', 'php', 'python', 'go', 'java', 'c', 'cpp', 'ruby', 'rust', 'csharp']);

/** The rule lists `preset: web-route-params` (framework-filled parameters, generic languages). */
function genericFrameworkParams(c: Compiled): boolean {
  return c.rule.sources.some((s) => 'preset' in s && s.preset === 'web-route-params');
}

/** Compiled view of a rule: clause lists in ast-grep order, presets expanded. */
interface Compiled {
  rule: Rule;
  key: string;
  sources: PatternClause[];
  /** Per entry of `sources`, its taint label (taint-core.ts `sourceLabel`). */
  sourceLabels: string[];
  paramSources: Array<{ fn: RegExp; name?: RegExp; index?: number; label: string }>;
  exportedParams: boolean;
  /** The taint label of `exported-params` (`caller` unless the clause names another). */
  exportedLabel: string;
  sinks: PatternClause[];
  sanitizers: PatternClause[];
  /** Per entry of `sanitizers`, the labels it removes (undefined: all). */
  sanitizerLabels: Array<readonly string[] | undefined>;
  sideEffect: PatternClause[];
  guards: GuardClause[];
  propagators: PropagatorClause[];
}

interface RuleMatches {
  sources: MatchSet; sinks: MatchSet; sanitizers: MatchSet; sideEffect: MatchSet; guards: MatchSet; propagators: MatchSet; search: MatchSet;
}

/** The dependencies of a result that has none (shared, never mutated). */
const NO_DEPS: ReadonlyMap<string, string> = new Map();
const NO_FILES: ReadonlySet<string> = new Set();

/** Trees alive at once in one scan (the rest are parsed again when needed). */
const TREE_LIMIT = 16;
/** A file's mtime must be this much older than our read of it before its stat alone is trusted. */
const RACY_MS = 2000;
/** File entries kept by a cache (one per relative path). */
const FILE_LIMIT = 50_000;
/** Per-rule file results kept by a cache (one per rule and relative path). */
const RESULT_LIMIT = 200_000;

/** What a scan knows about one rule on one version of a file, without its tree. */
interface RuleFacts {
  /** The error ast-grep raises for a clause this file's text lets through, or null. */
  error: Error | null;
  /** Whether a sink of the rule matches in the file (computed on first need). */
  sinks?: boolean;
}

/** Node-free facts about one version of a file (the cache keeps these, never trees). */
interface FileEntry {
  rel: string;
  hash: string;
  language: Language;
  parseErrors: number;
  /** Relative-import bindings (JavaScript/TypeScript), computed on first need. */
  imports?: Map<string, ImportBinding>;
  rules: Map<string, RuleFacts>;
}

/** The parse of a file inside one scan, with what was computed over its tree. */
interface ParsedFile {
  entry: FileEntry;
  rel: string;
  text: string;
  language: Language;
  root: SgRoot;
  inv?: JsInventory;
  matches: Map<string, RuleMatches>;
  sinkMatches: Map<string, MatchSet>;
  /** Clause matches on this tree shared by the rules (match.ts). */
  found: ClauseMemo;
}

/**
 * One rule's result on one version of a file. A cache holds one per rule and file (9,768 for
 * drizzle-orm's 8 rules), so the collections are made on first use and the dependency maps are
 * shared: most results have no summaries, no importers and the same dependencies as the other
 * rules' results on the file (issue 3, peak memory; docs/decisions.md).
 */
interface FileRuleResult {
  hash: string;
  findings: Finding[];
  /** By function key (byte range and kind), so they outlive the tree they were computed on. */
  summaries?: Map<string, Summary | 'pending'>;
  /** What importers got from this module, by member asked for (memo of Scan.imported). */
  exported?: Map<string, Summary[]>;
  /** Files this one takes functions from (or whose sinks decided whether it is walked). */
  direct?: Set<string>;
  /** Transitive dependencies with the hash seen, filled at the end of a scan; never mutated (shared between results). */
  deps: ReadonlyMap<string, string>;
  /** Dependencies recorded by a finished scan (until then the result is only valid in its scan). */
  sealed: boolean;
  /** Findings computed (not only summaries asked for by importers). */
  walked: boolean;
}

/** Reusable state between scans of the same root (issue 3 item 6). */
export interface AnalysisCache {
  files: LruMap<string, FileEntry>;
  /** By absolute path: the stat and hash of the file when last read (lets a rescan skip reading it). */
  stats: LruMap<string, { size: number; ino: number; mtimeMs: number; readAt: number; hash: string }>;
  results: LruMap<string, FileRuleResult>;
  /** Settles when the scan using the cache ends: scans sharing a cache run one at a time. */
  busy: Promise<void>;
}

/** A fresh cache for analyze({ cache }). */
export function createAnalysisCache(): AnalysisCache {
  return { files: new LruMap(FILE_LIMIT), stats: new LruMap(FILE_LIMIT), results: new LruMap(RESULT_LIMIT), busy: Promise.resolve() };
}

const fnKeys = new WeakMap<FnInfo, string>();

/** A key of a function that is the same in every parse of the same text. */
function fnKey(fn: FnInfo): string {
  let k = fnKeys.get(fn);
  if (k === undefined) {
    const r = fn.node.range();
    k = `${r.start.index}:${r.end.index}:${fn.node.kind() as string}`;
    fnKeys.set(fn, k);
  }
  return k;
}

/** A necessary condition for a relative import (`require('./x')`, `from "../y"`): collectImports only takes string specifiers starting with a dot. */
const RELATIVE_SPEC = /['"]\./;

function expand(list: ReadonlyArray<PatternClause | { preset: string }>): PatternClause[] {
  const out: PatternClause[] = [];
  for (const c of list) {
    if ('preset' in c) out.push(...(PRESETS[c.preset] ?? []));
    else out.push(c);
  }
  return out;
}

function compile(rule: Rule): Compiled {
  const sources: PatternClause[] = [];
  const sourceLabels: string[] = [];
  const paramSources: Compiled['paramSources'] = [];
  let exportedParams = false;
  let exportedLabel = sourceLabel(EXPORTED_PARAMS_LABEL);
  for (const { label, ...s } of rule.sources) {
    if ('parameter' in s) paramSources.push({ fn: new RegExp(s.parameter.function), ...(s.parameter.name !== undefined ? { name: new RegExp(s.parameter.name) } : {}), ...(s.parameter.index !== undefined ? { index: s.parameter.index } : {}), label: sourceLabel(label) });
    else if ('preset' in s && s.preset === EXPORTED_PARAMS) {
      exportedParams = true;
      exportedLabel = sourceLabel(label ?? EXPORTED_PARAMS_LABEL);
    } else {
      const cls = expand([s]);
      sources.push(...cls);
      sourceLabels.push(...cls.map(() => sourceLabel(label)));
    }
  }
  const sanitizers: PatternClause[] = [];
  const sanitizerLabels: Compiled['sanitizerLabels'] = [];
  for (const { labels, ...s } of rule.sanitizers.filter((x) => !('by-side-effect' in x && x['by-side-effect'] === true))) {
    const cls = expand([s]);
    sanitizers.push(...cls);
    sanitizerLabels.push(...cls.map(() => labels));
  }
  const sideEffect = rule.sanitizers.filter((s) => 'by-side-effect' in s && s['by-side-effect'] === true) as PatternClause[];
  return {
    rule,
    key: `${rule.id}#${createHash('sha1').update(JSON.stringify(rule)).digest('hex').slice(0, 12)}`,
    sources, sourceLabels, paramSources, exportedParams, exportedLabel,
    sinks: expand(rule.sinks), sanitizers, sanitizerLabels, sideEffect,
    guards: rule.guards, propagators: rule.propagators,
  };
}

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(path.join(dir, e.name));
      } else if (e.isFile()) out.push(path.relative(root, path.join(dir, e.name)).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

/** A PHP function declaration as text (methods match too; the walker keeps functions only). */
const PHP_FUNCTION_DECL = /(?:^|[\s;{}])function\s+&?\s*([A-Za-z_\x80-\uffff][\w\x80-\uffff]*)\s*\(/g;

const RESOLVE_EXT = ['', '.js', '.ts', '.mjs', '.cjs', '.tsx', '.jsx', '/index.js', '/index.ts'];

/** One scan over one root with a set of rules. */
class Scan {
  readonly findings = new Map<string, Finding>();
  readonly notices: AnalysisNotice[] = [];
  private readonly inProgress = new Set<string>();
  private readonly ruleErrorsSeen = new Set<string>();
  private readonly touched = new Set<string>();
  /** This scan's view of each file: read and hashed once (null: unreadable or not parsable). */
  private readonly entries = new Map<string, FileEntry | null>();
  private readonly texts = new Map<string, string>();
  private readonly trees = new LruMap<string, ParsedFile>(TREE_LIMIT);
  private readonly resolved = new Map<string, string | null>();
  /** Trees parsed by this scan so far, and the length of their texts. */
  parses = 0;
  parsedBytes = 0;

  constructor(private readonly root: string, private readonly cache: AnalysisCache) {}

  /** The facts of a file as it is now; null when it cannot be read or parsed. */
  entry(rel: string): FileEntry | null {
    const known = this.entries.get(rel);
    if (known !== undefined) return known;
    const e = this.load(rel);
    this.entries.set(rel, e);
    return e;
  }

  private load(rel: string): FileEntry | null {
    const lang = languageOfFile(rel);
    if (lang === undefined || !isParsable(lang)) return null;
    const abs = path.join(this.root, rel);
    let text: string;
    let st: Stats;
    const readAt = Date.now();
    try {
      st = statSync(abs);
      const cached = this.cache.files.get(rel);
      const seen = this.cache.stats.get(abs);
      // Unchanged since we last read it (same size, inode and mtime, and that mtime was well
      // before the read, so a later write cannot share it): the text is read only if needed.
      if (cached !== undefined && seen !== undefined && seen.hash === cached.hash && seen.size === st.size && seen.ino === st.ino &&
        seen.mtimeMs === st.mtimeMs && st.mtimeMs < seen.readAt - RACY_MS) return cached;
      text = readFileSync(abs, 'utf8');
    } catch {
      return null;
    }
    const hash = createHash('sha1').update(text).digest('hex');
    this.texts.set(rel, text);
    this.cache.stats.set(abs, { size: st.size, ino: st.ino, mtimeMs: st.mtimeMs, readAt, hash });
    const cached = this.cache.files.get(rel);
    if (cached !== undefined && cached.hash === hash) return cached;
    const root = parseText(text, lang);
    this.parses++;
    this.parsedBytes += text.length;
    const parseErrors = root.root().findAll({ rule: { kind: 'ERROR' } }).length;
    const e: FileEntry = { rel, hash, language: lang, parseErrors, rules: new Map() };
    this.cache.files.set(rel, e);
    this.trees.set(rel, { entry: e, rel, text, language: lang, root, matches: new Map(), sinkMatches: new Map(), found: new Map() });
    return e;
  }

  private text(e: FileEntry): string {
    let t = this.texts.get(e.rel);
    if (t === undefined) {
      // Trusted by its stat in load(): read now, and make sure it is still that version.
      t = readFileSync(path.join(this.root, e.rel), 'utf8');
      if (createHash('sha1').update(t).digest('hex') !== e.hash) throw new Error(`${e.rel} changed during the scan`);
      this.texts.set(e.rel, t);
    }
    return t;
  }

  /** The tree of a file (parsed again when this scan dropped it). */
  private tree(e: FileEntry): ParsedFile {
    let pf = this.trees.get(e.rel);
    if (pf === undefined) {
      const text = this.text(e);
      pf = { entry: e, rel: e.rel, text, language: e.language, root: parseText(text, e.language), matches: new Map(), sinkMatches: new Map(), found: new Map() };
      this.parses++;
    this.parsedBytes += text.length;
      this.trees.set(e.rel, pf);
    }
    return pf;
  }

  private inv(pf: ParsedFile): JsInventory {
    return pf.inv ??= jsInventory(pf.root.root());
  }

  private importsOf(e: FileEntry): Map<string, ImportBinding> {
    if (e.imports === undefined) {
      if (!RELATIVE_SPEC.test(this.text(e))) e.imports = new Map();
      else {
        const pf = this.tree(e);
        e.imports = pf.inv?.imports ?? collectImports(pf.root.root());
      }
    }
    return e.imports;
  }

  private facts(e: FileEntry, c: Compiled): RuleFacts {
    let f = e.rules.get(c.key);
    if (f === undefined) {
      // Matching stops at the first clause ast-grep rejects among those the text prefilter lets
      // through, in this order; clauseError knows which clauses are rejected without a tree.
      const text = this.text(e);
      let error: Error | null = null;
      for (const list of [c.sources, c.sinks, c.sanitizers, c.sideEffect, c.guards, c.propagators, c.rule.patterns]) {
        for (const cl of list) {
          if (error === null && mayMatch(cl, text)) error = clauseError(cl, e.language);
        }
      }
      f = { error };
      e.rules.set(c.key, f);
    }
    return f;
  }

  /** False (with a rule-error notice, once per rule and language) when the rule cannot run on the file. */
  private ruleRuns(e: FileEntry, c: Compiled): boolean {
    const err = this.facts(e, c).error;
    if (err === null) return true;
    const k = `${c.rule.id}:${e.language}`;
    if (!this.ruleErrorsSeen.has(k)) {
      this.ruleErrorsSeen.add(k);
      this.notices.push({ file: c.rule.file, kind: 'rule-error', message: `rule ${c.rule.id}: a pattern does not compile for ${e.language}: ${errorMessage(err).split('\n')[0]}` });
    }
    return false;
  }

  private sinkMatches(pf: ParsedFile, c: Compiled): MatchSet {
    const full = pf.matches.get(c.key);
    if (full !== undefined) return full.sinks;
    let m = pf.sinkMatches.get(c.key);
    if (m === undefined) {
      m = matchClauses(pf.root.root(), c.sinks, pf.language, pf.text, pf.found);
      pf.sinkMatches.set(c.key, m);
    }
    return m;
  }

  /** Whether a sink of the rule matches in the file (the rule runs on it). */
  private hasSinks(e: FileEntry, c: Compiled): boolean {
    const f = this.facts(e, c);
    if (f.sinks === undefined) {
      const text = this.text(e);
      f.sinks = c.sinks.some((cl) => mayMatch(cl, text)) && this.sinkMatches(this.tree(e), c).size > 0;
    }
    return f.sinks;
  }

  /** Every clause list of the rule on the file (the rule runs on it). */
  matches(pf: ParsedFile, c: Compiled): RuleMatches {
    let m = pf.matches.get(c.key);
    if (m === undefined) {
      const r = pf.root.root();
      const run = (cl: ReadonlyArray<PatternClause>): MatchSet => matchClauses(r, cl, pf.language, pf.text, pf.found);
      m = {
        sources: run(c.sources), sinks: pf.sinkMatches.get(c.key) ?? run(c.sinks), sanitizers: byFocus(run(c.sanitizers)), sideEffect: run(c.sideEffect),
        guards: run(c.guards), propagators: run(c.propagators), search: run(c.rule.patterns),
      };
      pf.matches.set(c.key, m);
    }
    return m;
  }

  private hasSource(e: FileEntry, c: Compiled): boolean {
    if (c.paramSources.length > 0 || c.exportedParams) return true;
    const text = this.text(e);
    return c.sources.some((cl) => mayMatch(cl, text)) && this.matches(this.tree(e), c).sources.size > 0;
  }

  private resolveSpec(from: string, spec: string): string | null {
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
    const known = this.resolved.get(base);
    if (known !== undefined) return known;
    const out = this.resolveBase(base);
    this.resolved.set(base, out);
    return out;
  }

  private resolveBase(base: string): string | null {
    if (base.startsWith('..')) return null;
    const candidates = [...RESOLVE_EXT.map((e) => base + e)];
    if (/\.js$/.test(base)) candidates.push(base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'));
    for (const c of candidates) {
      const abs = path.join(this.root, c);
      if (existsSync(abs) && statSync(abs).isFile() && languageOfFile(c) !== undefined) return c;
    }
    return null;
  }

  private result(c: Compiled, e: FileEntry): FileRuleResult {
    const key = `${c.key}|${e.rel}`;
    let r = this.cache.results.get(key);
    if (r !== undefined && r.hash === e.hash && (this.touched.has(key) || this.depsValid(r))) {
      this.touched.add(key);
      return r;
    }
    r = { hash: e.hash, findings: [], deps: NO_DEPS, sealed: false, walked: false };
    this.cache.results.set(key, r);
    this.touched.add(key);
    return r;
  }

  /** Validity of each (shared) dependency map in this scan: file hashes do not change during one. */
  private readonly depsChecked = new Map<ReadonlyMap<string, string>, boolean>();

  private depsValid(r: FileRuleResult): boolean {
    if (!r.sealed) return false;
    const known = this.depsChecked.get(r.deps);
    if (known !== undefined) return known;
    let ok = true;
    for (const [f, h] of r.deps) {
      const e = this.entry(f);
      if (e === null || e.hash !== h) {
        ok = false;
        break;
      }
    }
    this.depsChecked.set(r.deps, ok);
    return ok;
  }

  /** Adds a file to a result's direct dependencies. */
  private addDirect(res: FileRuleResult, file: string): void {
    (res.direct ??= new Set()).add(file);
  }

  private context(c: Compiled, pf: ParsedFile, m: RuleMatches, res: FileRuleResult): WalkContext {
    const inv = this.inv(pf);
    const ctx: WalkContext = {
      file: pf.rel, inv,
      sources: m.sources, sinks: m.sinks, sanitizers: m.sanitizers, sideEffectSanitizers: m.sideEffect,
      guards: m.guards, guardSafeWhen: (i) => c.guards[i]?.['safe-when'] ?? true,
      propagators: m.propagators, propagatorEnds: (i) => ({ from: c.propagators[i]!.from, to: c.propagators[i]!.to }),
      isSourceParam: (fn, index, param) => {
        if (c.exportedParams && fn.exported) return c.exportedLabel;
        if (index < 0) return null;
        return c.paramSources.find((p) => fn.names.some((n) => p.fn.test(n)) &&
          (p.index === undefined || p.index === index) && (p.name === undefined || p.name.test(param.text())))?.label ?? null;
      },
      sourceLabel: (i) => c.sourceLabels[i] ?? 'S',
      sanitizerLabels: (i) => c.sanitizerLabels[i],
      summaryOf: (fn) => this.summaryOf(res, fn, ctx),
      importedSummaries: (b, member) => this.imported(c, pf.rel, res, b, member),
      report: (trace) => this.report(c, res, trace),
    };
    return ctx;
  }

  private summaryOf(res: FileRuleResult, fn: FnInfo, ctx: WalkContext): Summary | null {
    const key = fnKey(fn);
    const summaries = res.summaries ??= new Map();
    const s = summaries.get(key);
    if (s === 'pending') return null;
    if (s !== undefined) return s;
    summaries.set(key, 'pending');
    const out = new JsWalker(ctx).summarize(fn);
    summaries.set(key, out);
    return out;
  }

  private imported(c: Compiled, from: string, res: FileRuleResult, b: ImportBinding, member: string | undefined): Summary[] {
    const target = this.resolveSpec(from, b.spec);
    if (target === null) return [];
    const e = this.entry(target);
    if (e === null || !TAINT_LANGUAGES.has(e.language)) return [];
    this.addDirect(res, target);
    if (!this.ruleRuns(e, c)) return [];
    const tres = this.result(c, e);
    const memoKey = member ?? '\u0000';
    const memo = tres.exported?.get(memoKey);
    if (memo !== undefined) return memo;
    const pf = this.tree(e);
    const m = this.matches(pf, c);
    const ctx = this.context(c, pf, m, tres);
    const inv = this.inv(pf);
    const fns: FnInfo[] = [];
    if (member === undefined) {
      for (const n of inv.defaultNames) fns.push(...(inv.byName.get(n) ?? []));
    } else {
      fns.push(...(inv.byName.get(member) ?? []).filter((f) => f.exported || inv.defaultNames.has(member)));
      fns.push(...(inv.byName.get(`exports.${member}`) ?? []), ...(inv.byName.get(`module.exports.${member}`) ?? []));
    }
    const out: Summary[] = [];
    // Memoised only when complete: a summary still being computed up the stack (recursion) is
    // left out of this answer but would be in a later one.
    let complete = true;
    for (const f of new Set(fns)) {
      const s = this.summaryOf(tres, f, ctx);
      if (s !== null) out.push(s);
      else complete = false;
    }
    if (complete) (tres.exported ??= new Map()).set(memoKey, out);
    return out;
  }

  private report(c: Compiled, res: FileRuleResult, trace: Trace): void {
    const sink = trace[trace.length - 1];
    const src = trace[0];
    if (sink === undefined || src === undefined) return;
    const f: Finding = {
      rule_id: c.rule.id, cwe: c.rule.cwe, message: c.rule.message, severity: c.rule.severity,
      location: sink.location, trace: [...trace],
    };
    res.findings.push(f);
  }

  private readonly reach = new Map<string, boolean>();

  /** True when the module an import names holds a sink of the rule, directly or through its own imports. */
  private importMayReachSink(c: Compiled, from: string, b: ImportBinding): boolean {
    const target = this.resolveSpec(from, b.spec);
    return target !== null && this.fileMayReachSink(c, target);
  }

  private fileMayReachSink(c: Compiled, rel: string): boolean {
    const key = `${c.key}|${rel}`;
    const known = this.reach.get(key);
    if (known !== undefined) return known;
    this.reach.set(key, false);
    const e = this.entry(rel);
    let out = false;
    if (e !== null && TAINT_LANGUAGES.has(e.language)) {
      out = this.ruleRuns(e, c) && (this.hasSinks(e, c) || [...this.importsOf(e).values()].some((b) => this.importMayReachSink(c, rel, b)));
    }
    this.reach.set(key, out);
    return out;
  }

  /** Analyses one file for one rule (findings), reusing a still-valid cached result. */
  async analyzeFile(c: Compiled, e: FileEntry, pacer: Pacer): Promise<Finding[]> {
    const res = this.result(c, e);
    if (res.walked) return res.findings;
    if (c.rule.mode === 'taint' && GENERIC_TAINT_LANGUAGES.has(e.language) && !this.genericMayFlow(c, e, res)) {
      res.walked = true;
      return res.findings;
    }
    if (!this.ruleRuns(e, c)) return [];
    if (c.rule.mode === 'search') {
      const pf = this.tree(e);
      for (const list of this.matches(pf, c).search.values()) for (const cm of list) {
        const at = cm.focus[0] ?? cm.node;
        this.report(c, res, [step(at, pf.rel, `match: ${at.text().replace(/\s+/g, ' ').slice(0, 60)}`)]);
      }
    } else if (GENERIC_TAINT_LANGUAGES.has(e.language)) {
      const pf = this.genericFile(e.rel)!;
      this.walkGeneric(c, pf, this.matches(pf, c), res);
    } else if (TAINT_LANGUAGES.has(e.language)) {
      const key = `${c.key}|${e.rel}`;
      const hasSinks = this.hasSinks(e, c);
      // Whether this file is walked depends on what its imports may reach: record them as
      // dependencies even when it is not walked, so a later scan re-decides when one changes.
      for (const b of this.importsOf(e).values()) {
        const target = this.resolveSpec(e.rel, b.spec);
        if (target !== null) this.addDirect(res, target);
      }
      // Every import is asked, in order, as before: the per-scan reach memo depends on the order.
      const sinkImports = [...this.importsOf(e)].filter(([, b]) => this.importMayReachSink(c, e.rel, b)).map(([n]) => n);
      if (!this.inProgress.has(key) && ((hasSinks && this.hasSource(e, c)) || sinkImports.length > 0)) {
        this.inProgress.add(key);
        const pf = this.tree(e);
        const m = this.matches(pf, c);
        const ctx = this.context(c, pf, m, res);
        // Pauses between the functions (pacer.ts): one large file's walk made tens of MB of
        // node wrappers whose native memory is freed only from the event loop.
        for (const fn of relevantFunctions(pf, m, sinkImports)) {
          const p = pacer.pauseIfDue();
          if (p !== undefined) await p;
          this.summaryOf(res, fn, ctx);
        }
        const p = pacer.pauseIfDue();
        if (p !== undefined) await p;
        new JsWalker(ctx).walkModule(pf.root.root());
        this.inProgress.delete(key);
      }
    }
    res.walked = true;
    return res.findings;
  }

  /**
   * PHP, Python, Java, Go: whether a file can hold a flow, decided on sinks and sources alone so
   * that most files never match the other clause lists. A flow needs a source here and a sink
   * here or in a file it takes functions from, or a sink here and such a file (which may return
   * a source).
   */
  private genericMayFlow(c: Compiled, e: FileEntry, res: FileRuleResult): boolean {
    if (this.trees.peek(e.rel)?.matches.has(c.key) === true) return true;
    try {
      const pf = this.genericFile(e.rel);
      if (pf === null) return true;
      const sinks = this.genericHas(c, pf, 'sinks');
      const sources = c.paramSources.length > 0 || c.exportedParams || genericFrameworkParams(c) || this.genericHas(c, pf, 'sources');
      if (sinks && sources) return true;
      const bindings = this.genericBindings(pf);
      for (const b of bindings) this.addDirect(res, b.file);
      // A helper that returns request data is usually one import away: only direct bindings count here.
      if (sinks) return bindings.some((b) => this.genericHasSources(c, b.file));
      return sources && bindings.some((b) => this.genericReaches(c, b.file, 'sinks'));
    } catch {
      // A pattern ast-grep rejects: ruleRuns() reports it as a rule-error notice.
      return true;
    }
  }

  private readonly genericReach = new Map<string, boolean>();
  private readonly genericPresence = new Map<string, boolean>();

  /** Whether the file has any match of the rule's sinks (or sources), once per scan. */
  private genericHas(c: Compiled, pf: ParsedFile, what: 'sinks' | 'sources'): boolean {
    const key = `${c.key}|${what}|${pf.rel}`;
    let v = this.genericPresence.get(key);
    if (v === undefined) {
      v = matchClauses(pf.root.root(), what === 'sinks' ? c.sinks : c.sources, pf.language, pf.text, pf.found).size > 0;
      this.genericPresence.set(key, v);
    }
    return v;
  }
  private readonly genericFiles = new Map<string, ParsedFile | null>();

  /** file(), read and hashed once per scan: the import graph asks for the same files many times. */
  private genericFile(rel: string): ParsedFile | null {
    let pf = this.genericFiles.get(rel);
    if (pf === undefined) {
      const e = this.entry(rel);
      pf = e === null ? null : this.tree(e);
      this.genericFiles.set(rel, pf);
    }
    return pf;
  }

  /** True when a file holds a sink of the rule, directly or through the files it takes functions from. */
  private genericReaches(c: Compiled, rel: string, what: 'sinks'): boolean {
    const key = `${c.key}|${what}|${rel}`;
    const known = this.genericReach.get(key);
    if (known !== undefined) return known;
    this.genericReach.set(key, false);
    const pf = this.genericFile(rel);
    let out = false;
    if (pf !== null) {
      try {
        out = this.genericHas(c, pf, 'sinks') ||
          this.genericBindings(pf).some((b) => this.genericReaches(c, b.file, what));
      } catch {
        out = true;
      }
    }
    this.genericReach.set(key, out);
    return out;
  }

  private genericHasSources(c: Compiled, rel: string): boolean {
    const pf = this.genericFile(rel);
    if (pf === null) return false;
    try {
      return this.genericHas(c, pf, 'sources');
    } catch {
      return true;
    }
  }

  private readonly bindingsOf = new WeakMap<ParsedFile, FileBinding[]>();

  /** Files a PHP/Python/Java/Go file takes functions from: its imports/includes that exist, and its package siblings (Go) or sibling classes (Java). */
  private genericBindings(pf: ParsedFile): FileBinding[] {
    const known = this.bindingsOf.get(pf);
    if (known !== undefined) return known;
    const a = adapterFor(pf.language);
    const out: FileBinding[] = [];
    const isFile = (rel: string): boolean => {
      if (rel === pf.rel || languageOfFile(rel) !== pf.language) return false;
      const abs = path.join(this.root, rel);
      return existsSync(abs) && statSync(abs).isFile();
    };
    for (const imp of a?.imports?.(pf.root.root(), pf.rel) ?? []) {
      const file = imp.candidates.find(isFile);
      if (file !== undefined) out.push({ local: imp.local, member: imp.member, file });
    }
    if (a?.siblings !== undefined) {
      const dir = path.posix.dirname(pf.rel);
      let names: string[] = [];
      try {
        names = readdirSync(path.join(this.root, dir));
      } catch {
        names = [];
      }
      for (const n of names.sort()) {
        const rel = dir === '.' ? n : `${dir}/${n}`;
        if (!isFile(rel) || (a.siblings === 'package' && n.endsWith('_test.go') !== pf.rel.endsWith('_test.go') && n.endsWith('_test.go'))) continue;
        out.push(a.siblings === 'package' ? { local: null, member: null, file: rel } : { local: n.replace(/\.java$/, ''), member: null, file: rel });
      }
    }
    this.bindingsOf.set(pf, out);
    return out;
  }

  private readonly genericStates = new WeakMap<FileRuleResult, GenericFile>();

  /** The walker state of a rule over a file (summaries are shared by its own walk and by callers in other files). */
  private genericState(c: Compiled, pf: ParsedFile, m: RuleMatches, res: FileRuleResult): GenericFile {
    let g = this.genericStates.get(res);
    if (g !== undefined) return g;
    // A result reused from an earlier scan already holds its findings: do not add them twice.
    const seen = new Set(res.findings.map((f) => this.keyOf(f)));
    g = new GenericFile({
      file: pf.rel, language: pf.language, root: pf.root.root(),
      sources: m.sources, sinks: m.sinks, sanitizers: m.sanitizers, sideEffectSanitizers: m.sideEffect,
      guards: m.guards, guardSafeWhen: (i) => c.guards[i]?.['safe-when'] ?? true,
      propagators: m.propagators, propagatorEnds: (i) => ({ from: c.propagators[i]!.from, to: c.propagators[i]!.to }),
      isSourceParam: (names, exported, index, param) => (c.exportedParams && exported ? c.exportedLabel : null) ??
        c.paramSources.find((p) => names.some((n) => p.fn.test(n)) && (p.index === undefined || p.index === index) && (p.name === undefined || p.name.test(param.text())))?.label ?? null,
      sourceLabel: (i) => c.sourceLabels[i] ?? 'S',
      sanitizerLabels: (i) => c.sanitizerLabels[i],
      frameworkParams: genericFrameworkParams(c),
      report: (trace) => {
        this.report(c, res, trace);
        const last = res.findings[res.findings.length - 1];
        if (last === undefined) return;
        const k = this.keyOf(last);
        if (seen.has(k)) res.findings.pop();
        else seen.add(k);
      },
      bindings: this.genericBindings(pf),
      external: (file, name) => this.genericExternal(c, pf, res, file, name),
      ...(pf.language === 'php' ? { globalFunctions: (name: string) => this.phpDeclarers(name).filter((f) => f !== pf.rel).flatMap((f) => this.genericExternal(c, pf, res, f, name, true)) } : {}),
    });
    this.genericStates.set(res, g);
    return g;
  }

  /** Summaries of the functions called `name` in another file, for a caller in `from`. */
  private genericExternal(c: Compiled, from: ParsedFile, res: FileRuleResult, file: string, name: string, functionsOnly = false): GenericSummary[] {
    const pf = this.genericFile(file);
    if (pf === null || pf.language !== from.language) return [];
    this.addDirect(res, file);
    if (!this.ruleRuns(pf.entry, c)) return [];
    const m = this.matches(pf, c);
    return this.genericState(c, pf, m, this.result(c, pf.entry)).summariesNamed(name, functionsOnly);
  }

  private phpFunctionIndex: Map<string, string[]> | undefined;

  /**
   * PHP files of the scanned folder whose text declares `function name(` (case-insensitive, as PHP
   * names are). Built once per scan from the texts; methods are filtered out by the walker.
   */
  private phpDeclarers(name: string): string[] {
    if (this.phpFunctionIndex === undefined) {
      const index = new Map<string, string[]>();
      for (const rel of listFiles(this.root)) {
        if (languageOfFile(rel) !== 'php') continue;
        let text: string;
        try {
          text = this.texts.get(rel) ?? readFileSync(path.join(this.root, rel), 'utf8');
        } catch {
          continue;
        }
        for (const m of text.matchAll(PHP_FUNCTION_DECL)) {
          const k = m[1]!.toLowerCase();
          const list = index.get(k) ?? [];
          if (!list.includes(rel)) list.push(rel);
          index.set(k, list);
        }
      }
      this.phpFunctionIndex = index;
    }
    return this.phpFunctionIndex.get(name.toLowerCase()) ?? [];
  }

  /** PHP, Python, Java, Go: the generic walker over this file, with summaries of the files it takes functions from. */
  private walkGeneric(c: Compiled, pf: ParsedFile, m: RuleMatches, res: FileRuleResult): void {
    this.genericState(c, pf, m, res).walkAll();
  }

  /** Fills every touched result's transitive dependency hashes (for the next incremental scan). */
  sealDeps(): void {
    const direct = new Map<string, ReadonlySet<string>>();
    for (const key of this.touched) {
      const r = this.cache.results.get(key);
      if (r !== undefined) direct.set(key, r.direct ?? NO_FILES);
    }
    // Results with the same dependency set share one map (all rules' results on a file often do).
    const shared = new Map<string, ReadonlyMap<string, string>>();
    for (const key of this.touched) {
      const r = this.cache.results.get(key);
      if (r === undefined) continue;
      const ruleKey = key.slice(0, key.indexOf('|'));
      const seen = new Set<string>();
      const stack = [...r.direct ?? []];
      while (stack.length > 0) {
        const f = stack.pop()!;
        if (seen.has(f)) continue;
        seen.add(f);
        for (const g of direct.get(`${ruleKey}|${f}`) ?? this.cache.results.get(`${ruleKey}|${f}`)?.direct ?? []) stack.push(g);
      }
      if (seen.size === 0) r.deps = NO_DEPS;
      else {
        const files = [...seen].sort();
        const id = files.join('\u0000');
        let deps = shared.get(id);
        if (deps === undefined) {
          deps = new Map(files.map((f) => [f, this.cache.files.peek(f)?.hash ?? '']));
          shared.set(id, deps);
        }
        r.deps = deps;
      }
      r.sealed = true;
    }
  }

  keyOf(f: Finding): string {
    const s = f.trace[0]?.location;
    return `${f.rule_id}|${f.location.file}:${f.location.line}:${f.location.column}|${s?.file}:${s?.line}:${s?.column}`;
  }
}

/**
 * Functions worth walking for findings: those holding a sink, those whose text names a function
 * that does (transitively), and those that name an imported binding. Every other function can
 * produce no finding; its summary is still computed when a caller needs it.
 */
function relevantFunctions(pf: ParsedFile, m: RuleMatches, importNames: string[]): FnInfo[] {
  const inv = pf.inv ?? jsInventory(pf.root.root());
  const sinkStarts = [...m.sinks.keys()].map((k) => Number(k.slice(0, k.indexOf(':'))));
  const span = new Map(inv.functions.map((f) => {
    const r = f.node.range();
    return [f, [r.start.index, r.end.index] as const];
  }));
  const texts = new Map<FnInfo, string>();
  const bytes = Buffer.from(pf.text);
  const textOf = (f: FnInfo): string => {
    let t = texts.get(f);
    if (t === undefined) {
      const [a, b] = span.get(f)!;
      t = bytes.subarray(a, b).toString();
      texts.set(f, t);
    }
    return t;
  };
  const chosen = new Set<FnInfo>(inv.functions.filter((f) => {
    const [a, b] = span.get(f)!;
    return sinkStarts.some((s) => s >= a && s < b);
  }));
  for (const f of inv.functions) if (!chosen.has(f) && importNames.some((n) => textOf(f).includes(n))) chosen.add(f);
  let grew = true;
  while (grew) {
    grew = false;
    const names = new Set<string>();
    for (const f of chosen) for (const n of f.names) names.add(n.split('.').pop()!);
    for (const f of inv.functions) {
      if (chosen.has(f)) continue;
      const t = textOf(f);
      if ([...names].some((n) => n.length > 0 && t.includes(n))) {
        chosen.add(f);
        grew = true;
      }
    }
  }
  return inv.functions.filter((f) => chosen.has(f));
}

/** Options of analyze(). */
export interface AnalyzeOptions {
  /** Folder to scan (every source file below it except node_modules, .git and dot folders). */
  root: string;
  rules: Rule[];
  /** Limit the scan to these files (relative to root); imports are still followed. */
  files?: string[];
  cache?: AnalysisCache;
  /** Report source files that no rule covers (their language is in no rule) as notices; `ase scan` sets it. */
  reportUncovered?: boolean;
}

/**
 * Scans `root` with `rules`. Never throws for a file: unreadable, unparsable or unsupported files
 * become notices, and a rule whose pattern does not compile becomes a rule-error notice.
 */
export async function analyze(opts: AnalyzeOptions): Promise<AnalysisResult> {
  // Keys are relative paths plus content hashes, so one cache serves fresh copies of the same
  // repository in other folders (one workspace per cycle).
  const cache = opts.cache ?? createAnalysisCache();
  // A scan yields to the event loop (YIELD_EVERY), so two scans could interleave: those sharing
  // a cache wait for each other instead.
  const before = cache.busy;
  let done!: () => void;
  cache.busy = new Promise<void>((r) => {
    done = r;
  });
  await before;
  try {
    return await scanRoot(opts, cache);
  } finally {
    done();
  }
}

async function scanRoot(opts: AnalyzeOptions, cache: AnalysisCache): Promise<AnalysisResult> {
  const t0 = performance.now();
  const root = path.resolve(opts.root);
  const scan = new Scan(root, cache);
  const compiled = opts.rules.map(compile);
  const files = opts.files?.map((f) => f.split(path.sep).join('/').replace(/^\.\//, '')) ?? listFiles(root);
  let scanned = 0;
  const pacer = new Pacer(scan);
  for (const rel of files) {
    const p = pacer.pauseIfDue();
    if (p !== undefined) await p;
    resetNodeCache();
    const lang = languageOfFile(rel);
    if (lang === undefined) continue;
    const applicable = compiled.filter((c) => (c.rule.languages.includes(lang) || (lang === 'tsx' && c.rule.languages.includes('typescript'))) && ruleAppliesTo(c.rule, rel));
    if (!isParsable(lang)) {
      if (SOURCE_LANGS.has(lang)) scan.notices.push({ file: rel, kind: 'unsupported-language', message: `unsupported: no parser for ${lang}` });
      continue;
    }
    const pf = scan.entry(rel);
    if (pf === null) {
      scan.notices.push({ file: rel, kind: 'parse-error', message: 'file could not be read' });
      continue;
    }
    scanned++;
    if (pf.parseErrors > 0) scan.notices.push({ file: rel, kind: 'parse-error', message: `${pf.parseErrors} syntax error node(s); analysed what parsed` });
    if (applicable.length === 0 && opts.reportUncovered === true && compiled.length > 0) {
      scan.notices.push({ file: rel, kind: 'unsupported-language', message: `unsupported: no rule for ${lang} among the ${compiled.length} rule(s) given` });
    }
    const taintRules = applicable.filter((c) => c.rule.mode === 'taint');
    if (taintRules.length > 0 && !TAINT_LANGUAGES.has(lang) && !GENERIC_TAINT_LANGUAGES.has(lang)) {
      scan.notices.push({ file: rel, kind: 'unsupported-language', message: `unsupported: taint analysis for ${lang} is not implemented yet (${taintRules.length} rule(s) skipped)` });
    }
    for (const c of applicable) {
      if (c.rule.mode === 'taint' && !TAINT_LANGUAGES.has(lang) && !GENERIC_TAINT_LANGUAGES.has(lang)) continue;
      try {
        for (const f of await scan.analyzeFile(c, pf, pacer)) scan.findings.set(scan.keyOf(f), f);
      } catch (err) {
        // Never a silent clean: the file is reported as not analysed, the scan goes on.
        scan.notices.push({ file: rel, kind: 'parse-error', message: `not analysed for rule ${c.rule.id}: internal error: ${errorMessage(err).split('\n')[0]}` });
      }
    }
  }
  scan.sealDeps();
  const findings = [...scan.findings.values()].sort((a, b) =>
    a.location.file.localeCompare(b.location.file) || a.location.line - b.location.line || a.rule_id.localeCompare(b.rule_id));
  return { findings, notices: scan.notices, files_scanned: scanned, duration_ms: Math.round((performance.now() - t0) * 100) / 100 };
}

