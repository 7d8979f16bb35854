// Parsing: one place that knows which tree-sitter grammar (through @ast-grep/napi) serves which
// Language and which file extension, so the syntax check and the taint engine agree.
import { Lang, parse, registerDynamicLanguage, type SgRoot } from '@ast-grep/napi';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Language } from '../core/index.js';

const require = createRequire(import.meta.url);

/** The languages we can parse, with ast-grep's name for each. */
const NAPI_LANG: Partial<Record<Language, string>> = {
  javascript: Lang.JavaScript,
  typescript: Lang.TypeScript,
  tsx: Lang.Tsx,
  php: 'php',
  python: 'python',
  go: 'go',
  java: 'java',
};

const DYNAMIC = ['php', 'python', 'go', 'java'] as const;

let registered = false;

/** Registers the dynamic grammars once per process (ast-grep allows exactly one call). */
function ensureRegistered(): void {
  if (registered) return;
  registered = true;
  const regs: Record<string, { libraryPath: string; extensions: string[]; languageSymbol?: string; expandoChar?: string; metaVarChar?: string }> = {};
  for (const name of DYNAMIC) {
    regs[name] = require(`@ast-grep/lang-${name}`) as (typeof regs)[string];
  }
  registerDynamicLanguage(regs);
}

/** ast-grep's language name for `language`, or undefined when we have no grammar for it. */
export function napiLang(language: Language): string | undefined {
  const l = NAPI_LANG[language];
  if (l !== undefined && (DYNAMIC as readonly string[]).includes(l)) ensureRegistered();
  return l;
}

/** True when we can parse `language`. */
export function isParsable(language: Language): boolean {
  return NAPI_LANG[language] !== undefined;
}

/** Parses `text`; throws when the language has no grammar (callers check isParsable first). */
export function parseText(text: string, language: Language): SgRoot {
  const l = napiLang(language);
  if (l === undefined) throw new Error(`no grammar for ${language}`);
  return parse(l, text);
}

const EXT: Record<string, Language> = {
  '.js': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript', '.jsx': 'javascript',
  '.ts': 'typescript', '.mts': 'typescript', '.cts': 'typescript', '.tsx': 'tsx',
  '.php': 'php', '.phtml': 'php', '.inc': 'php',
  '.py': 'python', '.go': 'go', '.java': 'java',
  '.c': 'c', '.h': 'c', '.cc': 'cpp', '.cpp': 'cpp', '.hpp': 'cpp', '.cxx': 'cpp',
  '.rb': 'ruby', '.rs': 'rust', '.cs': 'csharp',
};

/** The language of a file from its extension, or undefined when the file is not source code we know. */
export function languageOfFile(file: string): Language | undefined {
  if (file.endsWith('.d.ts')) return undefined;
  return EXT[path.extname(file).toLowerCase()];
}
