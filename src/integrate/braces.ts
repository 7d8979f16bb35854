// A small lexer that counts curly braces outside strings and comments, so integration can
// rebalance a model's block against the original block (method.md §4). Not a parser: it only
// needs to be right for the lines a model writes in place of one block.

import type { Language } from '../core/index.js';

export interface BraceScan {
  /** Opened minus closed `{`/`}`. */
  balance: number;
  /** Per line: opened minus closed on that line. */
  deltas: number[];
  /** Indentation of the lines whose `{` is still open at the end, outermost first. */
  openIndents: string[];
}

interface Syntax {
  line: string[];
  block: [string, string] | null;
  quotes: string[];
  /** Quotes whose strings may span lines. */
  multiline: string[];
}

function syntaxOf(lang: Language | undefined): Syntax {
  switch (lang) {
    case 'python':
      return { line: ['#'], block: null, quotes: ['"""', "'''", '"', "'"], multiline: ['"""', "'''"] };
    case 'ruby':
      return { line: ['#'], block: null, quotes: ['"', "'"], multiline: [] };
    case 'php':
      return { line: ['//', '#'], block: ['/*', '*/'], quotes: ['"', "'"], multiline: ['"', "'"] };
    case 'go':
      return { line: ['//'], block: ['/*', '*/'], quotes: ['`', '"', "'"], multiline: ['`'] };
    case 'javascript':
    case 'typescript':
    case 'tsx':
      return { line: ['//'], block: ['/*', '*/'], quotes: ['`', '"', "'"], multiline: ['`'] };
    default:
      return { line: ['//'], block: ['/*', '*/'], quotes: ['"', "'"], multiline: [] };
  }
}

/** Counts braces in `lines` (in order), skipping strings and comments of `lang`. */
export function scanBraces(lines: readonly string[], lang?: Language): BraceScan {
  const syn = syntaxOf(lang);
  const stack: string[] = [];
  const deltas: number[] = [];
  let balance = 0;
  let inBlock = false;
  let inQuote: string | null = null;
  for (const line of lines) {
    const before = balance;
    const indent = /^\s*/.exec(line)![0];
    let i = 0;
    while (i < line.length) {
      if (inBlock) {
        const end = line.indexOf(syn.block![1], i);
        if (end < 0) break;
        inBlock = false;
        i = end + syn.block![1].length;
        continue;
      }
      if (inQuote !== null) {
        if (line[i] === '\\') {
          i += 2;
          continue;
        }
        if (line.startsWith(inQuote, i)) {
          i += inQuote.length;
          inQuote = null;
          continue;
        }
        i++;
        continue;
      }
      if (syn.line.some((t) => line.startsWith(t, i))) break;
      if (syn.block && line.startsWith(syn.block[0], i)) {
        inBlock = true;
        i += syn.block[0].length;
        continue;
      }
      const q = syn.quotes.find((t) => line.startsWith(t, i));
      if (q !== undefined) {
        inQuote = q;
        i += q.length;
        continue;
      }
      const c = line[i];
      if (c === '{') {
        balance++;
        stack.push(indent);
      } else if (c === '}') {
        balance--;
        stack.pop();
      }
      i++;
    }
    // A single-line string left open is an error in the source; recover at the end of the line.
    if (inQuote !== null && !syn.multiline.includes(inQuote)) inQuote = null;
    deltas.push(balance - before);
  }
  return { balance, deltas, openIndents: stack };
}
