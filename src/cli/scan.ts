// `ase scan PATH`: the static analysis outside the benchmark (a CI step on a real repository).
// Exit code: 0 clean, 1 findings, 2 nothing could be analysed for a file (notices) and no findings.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { analyze, loadRules, rulePack, rulesRoot, toSarif } from '../analysis/index.js';
import { HarnessError, LANGUAGES, type Language } from '../core/index.js';
import { collect } from './options.js';

interface ScanFlags { rules?: string[]; cwe?: string[]; format: 'json' | 'sarif' | 'text'; language?: Language[] }

function formatOption(v: string): ScanFlags['format'] {
  if (v !== 'json' && v !== 'sarif' && v !== 'text') throw new InvalidArgumentError(`--format must be json, sarif or text, got "${v}"`);
  return v;
}

function cweOption(v: string, prev: string[] = []): string[] {
  const c = /^\d+$/.test(v) ? `CWE-${v}` : v.toUpperCase();
  if (!/^CWE-\d+$/.test(c)) throw new InvalidArgumentError(`--cwe must look like CWE-79, got "${v}"`);
  return [...prev, c];
}

/** Rule files for a scan: --rules as given, else the packs of --cwe (all packs when none). */
function ruleFiles(flags: ScanFlags): string[] {
  if (flags.rules !== undefined && flags.rules.length > 0) return flags.rules;
  const langs: Language[] = flags.language ?? ['javascript', 'php', 'python', 'go', 'java'];
  const cwes = flags.cwe ?? ['CWE-22', 'CWE-78', 'CWE-79', 'CWE-89', 'CWE-94', 'CWE-1321'];
  const files = cwes.flatMap((c) => langs.flatMap((l) => rulePack(c, l)));
  if (files.length === 0) throw new HarnessError('CONFIG_INVALID', `no default rule pack for ${cwes.join(', ')} under ${rulesRoot()}`);
  return [...new Set(files)];
}

export function registerScan(program: Command): void {
  program.command('scan')
    .description('scan a folder with taint rules (default: the bundled packs) and print findings as text, JSON or SARIF 2.1.0')
    .argument('<path>', 'folder (or one file) to scan')
    .option('-r, --rules <file|dir>', 'rule file or folder (repeatable); replaces the default packs', collect)
    .option('-c, --cwe <CWE-n>', 'use the default pack of this CWE (repeatable; 77/88 map to 78)', cweOption)
    .option('-l, --language <lang>', 'restrict default packs to this language (repeatable)', (v: string, prev: Language[] = []) => {
      if (!(LANGUAGES as readonly string[]).includes(v)) throw new InvalidArgumentError(`unknown language "${v}"`);
      return [...prev, v as Language];
    })
    .option('-f, --format <fmt>', 'text, json or sarif', formatOption, 'text')
    .action(async (target: string, flags: ScanFlags) => {
      if (!existsSync(target)) throw new HarnessError('CONFIG_INVALID', `${target}: no such file or folder`);
      const isFile = statSync(target).isFile();
      const root = isFile ? path.dirname(path.resolve(target)) : path.resolve(target);
      const rules = await loadRules(ruleFiles(flags));
      const result = await analyze({ root, rules, reportUncovered: true, ...(isFile ? { files: [path.basename(target)] } : {}) });
      if (flags.format === 'sarif') console.log(JSON.stringify(toSarif(result, root), null, 2));
      else if (flags.format === 'json') console.log(JSON.stringify(result, null, 2));
      else {
        for (const f of result.findings) {
          console.log(`${f.location.file}:${f.location.line}:${f.location.column ?? 1}: ${f.severity} ${f.rule_id} (${f.cwe ?? '-'})`);
          for (const s of f.trace) console.log(`    ${s.location.file}:${s.location.line}  ${s.message}`);
        }
        for (const n of result.notices) console.log(`${n.file}: ${n.kind}: ${n.message}`);
        console.log(`${result.findings.length} finding(s), ${result.notices.length} notice(s), ${result.files_scanned} file(s) in ${result.duration_ms} ms with ${rules.length} rule(s)`);
      }
      process.exitCode = result.findings.length > 0 ? 1 : result.notices.length > 0 ? 2 : 0;
    });
}
