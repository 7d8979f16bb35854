// Fenced code blocks in a model's answer: ``` or ~~~ fences of any length, an info string
// (```js), indented fences, and a fence left unclosed at the end of the answer.

export interface FencedBlock {
  /** First word of the info string, lower-cased ('' when none). */
  lang: string;
  lines: string[];
  closed: boolean;
}

// An opening fence: optional indentation, 3+ backticks or tildes, an optional info string.
const OPEN = /^(\s*)(`{3,}|~{3,})(.*)$/;
// A closing fence: optional indentation, 3+ of the same character, nothing else.
const CLOSE = /^\s*(`{3,}|~{3,})\s*$/;

/** Every fenced block, in order. A backtick fence's info string may not contain a backtick (CommonMark). */
export function findFencedBlocks(text: string): FencedBlock[] {
  const lines = text.split(/\r?\n/);
  const blocks: FencedBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const m = OPEN.exec(lines[i]!);
    if (!m || (m[2]![0] === '`' && m[3]!.includes('`'))) {
      i++;
      continue;
    }
    const [, indent, fence, info] = m as unknown as [string, string, string, string];
    const body: string[] = [];
    let closed = false;
    i++;
    for (; i < lines.length; i++) {
      const c = CLOSE.exec(lines[i]!);
      if (c && c[1]![0] === fence[0] && c[1]!.length >= fence.length) {
        closed = true;
        i++;
        break;
      }
      body.push(stripIndent(lines[i]!, indent.length));
    }
    blocks.push({ lang: info.trim().split(/\s+/)[0]!.toLowerCase(), lines: body, closed });
  }
  return blocks;
}

/** Removes up to `n` leading whitespace characters (the fence's own indentation). */
function stripIndent(line: string, n: number): string {
  let k = 0;
  while (k < n && k < line.length && (line[k] === ' ' || line[k] === '\t')) k++;
  return line.slice(k);
}

function weight(b: FencedBlock): number {
  return b.lines.filter((l) => l.trim() !== '').length;
}

/** The block holding the answer: the longest (non-blank lines), the last one on a tie. */
export function pickCodeBlock(blocks: readonly FencedBlock[]): FencedBlock | undefined {
  let best: FencedBlock | undefined;
  for (const b of blocks) if (!best || weight(b) >= weight(best)) best = b;
  return best;
}
