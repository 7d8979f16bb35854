// Rule files: YAML data close to Semgrep's taint mode (docs/rules.md). The schema is strict so a
// typo in a rule fails loudly instead of silently matching nothing (style.md §14).
import { readdirSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { z } from 'zod';
import { HarnessError, LANGUAGES, type Language } from '../core/index.js';
import { isParsable } from './parse.js';
import { clauseError, PHP_SHORT_ECHO, sequenceHead } from './match.js';
import { EXPORTED_PARAMS, EXPORTED_PARAMS_LABEL } from './presets.js';
import { checkSyntax } from './syntax.js';
import { VALUE_CHECKS } from './value-checks.js';

const MetaVar = z.string().regex(/^\$(\$\$)?[A-Z_][A-Z0-9_]*$/, 'must be a metavariable such as $X');

const MetavariableRegexSchema = z.strictObject({ metavariable: MetaVar, regex: z.string() });
/** A semantic check on the bound node (`src/analysis/value-checks.ts`). */
const MetavariableCheckSchema = z.strictObject({ metavariable: MetaVar, check: z.enum(VALUE_CHECKS) });

/** One pattern clause: what ast-grep matches, with Semgrep-style refinements. */
const PatternClauseSchema = z.strictObject({
  pattern: z.string().min(1),
  /** The sub-node that carries the value (a sink's sensitive argument, a guarded variable). */
  focus: MetaVar.optional(),
  'pattern-inside': z.string().min(1).optional(),
  'pattern-not-inside': z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
  'pattern-not': z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
  'metavariable-regex': z.union([MetavariableRegexSchema, z.array(MetavariableRegexSchema)]).optional(),
  'metavariable-check': z.union([MetavariableCheckSchema, z.array(MetavariableCheckSchema)]).optional(),
});

/** Parameters of functions whose name matches `function` are tainted on entry (library entry points). */
const ParameterClauseSchema = z.strictObject({
  parameter: z.strictObject({
    function: z.string().min(1),
    name: z.string().min(1).optional(),
    index: z.number().int().min(0).optional(),
  }),
});

const PresetClauseSchema = z.strictObject({ preset: z.string().min(1) });

/** A taint label (Semgrep's `label:`): what kind of untrusted data a source gives. */
const LabelName = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'must be a label name such as caller');
/** A source's label; `exported-params` has the label `caller` unless it names another. */
const SourceLabel = { label: LabelName.optional() };
/** A sanitizer's labels: it removes only taint from sources with one of these labels. */
const SanitizerLabels = { labels: z.array(LabelName).min(1).optional() };

export const SourceSchema = z.union([
  PatternClauseSchema.extend(SourceLabel), ParameterClauseSchema.extend(SourceLabel), PresetClauseSchema.extend(SourceLabel),
]);
export const SinkSchema = z.union([PatternClauseSchema, PresetClauseSchema]);
export const SanitizerSchema = z.union([
  PatternClauseSchema.extend({ 'by-side-effect': z.boolean().optional(), ...SanitizerLabels }),
  PresetClauseSchema.extend(SanitizerLabels),
]);
export const GuardSchema = PatternClauseSchema.extend({
  focus: MetaVar,
  /** Which outcome of the check makes the value safe: true (default) = when the condition holds. */
  'safe-when': z.boolean().optional(),
});
export const PropagatorSchema = PatternClauseSchema.extend({ from: MetaVar, to: MetaVar });

export const RuleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase kebab-case'),
  cwe: z.string().regex(/^CWE-\d+$/, 'must look like CWE-79'),
  languages: z.array(z.enum(LANGUAGES)).min(1),
  message: z.string().min(1),
  severity: z.enum(['error', 'warning', 'info']).default('error'),
  /** taint (default): source→sink flows; search: every match of `patterns` is a finding. */
  mode: z.enum(['taint', 'search']).default('taint'),
  sources: z.array(SourceSchema).default([]),
  sinks: z.array(SinkSchema).default([]),
  sanitizers: z.array(SanitizerSchema).default([]),
  guards: z.array(GuardSchema).default([]),
  propagators: z.array(PropagatorSchema).default([]),
  patterns: z.array(PatternClauseSchema).default([]),
  /** Semgrep's `paths`: globs relative to the scanned root (`*` within a segment, `**` across). */
  paths: z.strictObject({ include: z.array(z.string().min(1)).optional(), exclude: z.array(z.string().min(1)).optional() }).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
}).superRefine((r, ctx) => {
  if (r.mode === 'taint' && (r.sources.length === 0 || r.sinks.length === 0)) {
    ctx.addIssue({ code: 'custom', message: 'a taint rule needs at least one source and one sink' });
  }
  if (r.mode === 'search' && r.patterns.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'a search rule needs at least one entry in patterns' });
  }
  // A sanitizer's labels must be labels some source gives, or it would silently remove nothing.
  const given = new Set(r.sources.map((s) => s.label ?? ('preset' in s && s.preset === EXPORTED_PARAMS ? EXPORTED_PARAMS_LABEL : undefined)));
  r.sanitizers.forEach((s, i) => {
    if (s.labels === undefined) return;
    if ('by-side-effect' in s && s['by-side-effect'] === true) {
      ctx.addIssue({ code: 'custom', path: ['sanitizers', i, 'labels'], message: 'not supported with by-side-effect' });
    }
    for (const l of s.labels) {
      if (!given.has(l)) ctx.addIssue({ code: 'custom', path: ['sanitizers', i, 'labels'], message: `no source of the rule has the label ${l}` });
    }
  });
});

const RuleFileSchema = z.strictObject({ rules: z.array(z.unknown()).min(1) });

export type PatternClause = z.infer<typeof PatternClauseSchema>;
export type SourceClause = z.infer<typeof SourceSchema>;
export type SinkClause = z.infer<typeof SinkSchema>;
export type SanitizerClause = z.infer<typeof SanitizerSchema>;
export type GuardClause = z.infer<typeof GuardSchema>;
export type PropagatorClause = z.infer<typeof PropagatorSchema>;
/** Glob (`*`, `**`, `?`) to a regex on a relative posix path; a pattern without `/` matches a name at any depth, a leading `/` anchors at the root. */
export function globToRegExp(pattern: string): RegExp {
  // gitignore-style: a leading '/' anchors at the scanned root.
  const anchored = pattern.startsWith('/');
  const glob = anchored ? pattern.slice(1) : pattern;
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return anchored || glob.includes('/') ? new RegExp(`^${re}(/.*)?$`) : new RegExp(`(^|/)${re}(/.*)?$`);
}

/** True when a rule applies to the file (its `paths` include/exclude). */
export function ruleAppliesTo(rule: Pick<Rule, 'paths'>, rel: string): boolean {
  const inc = rule.paths?.include;
  const exc = rule.paths?.exclude;
  if (inc !== undefined && !inc.some((g) => globToRegExp(g).test(rel))) return false;
  if (exc !== undefined && exc.some((g) => globToRegExp(g).test(rel))) return false;
  return true;
}

/** A validated rule, with the file it came from. */
export type Rule = z.infer<typeof RuleSchema> & { file: string };

function problem(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

/** Clause patterns of a rule with their schema path (`sinks.0.pattern`). */
function patternsOf(r: z.infer<typeof RuleSchema>): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const lists = { sources: r.sources, sinks: r.sinks, sanitizers: r.sanitizers, guards: r.guards, propagators: r.propagators, patterns: r.patterns } as const;
  for (const [name, list] of Object.entries(lists)) {
    (list as ReadonlyArray<Record<string, unknown>>).forEach((c, i) => {
      for (const key of ['pattern', 'pattern-inside', 'pattern-not-inside', 'pattern-not']) {
        const v = c[key];
        for (const p of Array.isArray(v) ? v : v === undefined ? [] : [v]) if (typeof p === 'string') out.push([`${name}.${i}.${key}`, key === 'pattern-not-inside' ? (sequenceHead(p) ?? p) : p]);
      }
    });
  }
  return out;
}

/** A pattern that does not parse matches nothing, silently: refuse it when the rule loads. */
function patternProblem(pattern: string, language: Language): string | null {
  if (!isParsable(language)) return null;
  // `<?= $X ?>` (PHP short echo) is matched by kind, not parsed (match.ts).
  if (language === 'php' && PHP_SHORT_ECHO.test(pattern.trim())) return null;
  // Check the pattern as written (with `...` as `$$$`), before the comma tweak of translateEllipsis.
  let text = pattern.replace(/\.\.\.(?![\w$])/g, '$$$$$$');
  // ast-grep swaps `$` for an identifier character in grammars where `$` is not one.
  if (language === 'python' || language === 'go') text = text.replace(/\$/g, 'µ');
  // PHP reads `$$$` as variable-variables: check the pattern with a plain metavariable there.
  if (language === 'php') text = `<?php ${/[;}]\s*$/.test(text) ? text : `${text};`}`.replace(/\$\$\$([A-Z0-9_]*)/g, '$$E$1');
  // Go: `a.b` at the top level reads as a type; patterns are matched inside a function body.
  if (language === 'go') text = `package p\nfunc _() {\n${text}\n}`;
  let r = checkSyntax(text, language, 'pattern');
  // Java: an expression pattern is a statement without its `;` (ast-grep matches it either way).
  if (!r.ok && language === 'java' && !/[;}]\s*$/.test(text)) r = checkSyntax(`${text};`, language, 'pattern');
  if (!r.ok) return `does not parse as ${language}: ${JSON.stringify(pattern)}`;
  // A pattern can parse and still be refused by ast-grep (`exit($X)` in PHP: a statement whose
  // pattern needs its `;`); matching would then fail on every file whose text mentions it.
  const e = clauseError({ pattern }, language);
  return e === null ? null : `does not compile for ${language}: ${JSON.stringify(pattern)}: ${e.message.split('\n')[0] ?? ''}`;
}

/**
 * Parses the text of one rule file. Throws HarnessError('RULE_INVALID') with one line
 * `<file>: rule <id>: <problem>` on the first problem found.
 */
export function parseRuleFile(text: string, file: string): Rule[] {
  let doc: unknown;
  try {
    doc = YAML.parse(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new HarnessError('RULE_INVALID', `${file}: not valid YAML: ${msg}`, { file });
  }
  const top = RuleFileSchema.safeParse(doc);
  if (!top.success) throw new HarnessError('RULE_INVALID', `${file}: ${problem(top.error.issues[0]!)}`, { file });
  const seen = new Set<string>();
  return top.data.rules.map((raw, i) => {
    const id = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
      ? (raw as { id: string }).id : `#${i + 1}`;
    const r = RuleSchema.safeParse(raw);
    if (!r.success) throw new HarnessError('RULE_INVALID', `${file}: rule ${id}: ${problem(r.error.issues[0]!)}`, { file, rule: id });
    for (const [where, p] of patternsOf(r.data)) {
      for (const lang of r.data.languages) {
        const bad = patternProblem(p, lang);
        if (bad !== null) throw new HarnessError('RULE_INVALID', `${file}: rule ${id}: ${where}: ${bad}`, { file, rule: id });
      }
    }
    if (seen.has(r.data.id)) throw new HarnessError('RULE_INVALID', `${file}: rule ${id}: duplicate id`, { file, rule: id });
    seen.add(r.data.id);
    return { ...r.data, file };
  });
}

async function ruleFilesUnder(p: string): Promise<string[]> {
  const st = await stat(p).catch(() => null);
  if (st === null) throw new HarnessError('RULE_INVALID', `${p}: no such rule file or folder`, { file: p });
  if (st.isFile()) return [p];
  const out: string[] = [];
  for (const e of (await readdir(p, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(p, e.name);
    if (e.isDirectory()) out.push(...await ruleFilesUnder(full));
    else if (/\.ya?ml$/.test(e.name) && e.name !== 'instance.yaml') out.push(full);
  }
  return out;
}

/**
 * Loads rules from files or folders (folders: every *.yaml/*.yml below, except instance.yaml).
 * @throws HarnessError RULE_INVALID on a missing path, bad YAML or a rule that fails the schema.
 */
export async function loadRules(paths: string[]): Promise<Rule[]> {
  const rules: Rule[] = [];
  for (const p of paths) {
    for (const f of await ruleFilesUnder(p)) rules.push(...parseRuleFile(await readFile(f, 'utf8'), f));
  }
  return rules;
}

/** The bundled rules/ folder (next to package.json). */
export function rulesRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../rules');
}

const PACK_ALIAS: Record<string, string> = { 'CWE-77': 'CWE-78', 'CWE-88': 'CWE-78' };
const PACK_LANG: Partial<Record<Language, Language>> = { typescript: 'javascript', tsx: 'javascript' };

/**
 * The default rule pack for a CWE and language: the rule files in rules/<cwe>/<language>/
 * (CWE-77 and CWE-88 share CWE-78's pack; TypeScript uses the JavaScript pack, whose rules list
 * typescript too). Returns [] when there is no pack.
 */
export function rulePack(cwe: string, language: Language, root = rulesRoot()): string[] {
  const c = PACK_ALIAS[cwe] ?? cwe;
  const dir = path.join(root, c, PACK_LANG[language] ?? language);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => /\.ya?ml$/.test(n)).sort().map((n) => path.join(dir, n));
}
