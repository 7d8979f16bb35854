// New names for the rename operator: plain English words and two-word camelCase names, drawn with
// a seeded generator (never `_v1`-style suffixes, never words that hint at security such as
// "safe" or "escaped", so a name does not tell the model what the block must do).
const NOUNS = [
  'input', 'value', 'entry', 'item', 'subject', 'payload', 'source', 'target', 'settings', 'config',
  'flavour', 'variant', 'record', 'result', 'output', 'chunk', 'piece', 'part', 'segment', 'token',
  'label', 'field', 'text', 'content', 'element', 'member', 'candidate', 'current', 'pending', 'limit',
  'count', 'total', 'offset', 'cursor', 'position', 'depth', 'level', 'step', 'memo', 'store',
  'bucket', 'holder', 'container', 'wrapper', 'origin', 'base', 'anchor', 'branch', 'leaf', 'slot',
  'unit', 'portion', 'fragment', 'draft', 'sample', 'detail', 'hint', 'marker', 'handle', 'ticket',
  'answer', 'reply', 'request', 'message', 'notice', 'signal', 'flag', 'toggle', 'choice', 'option',
  'pick', 'match', 'probe', 'query', 'term', 'phrase', 'word', 'letter', 'glyph', 'digit',
  'amount', 'size', 'width', 'span', 'range', 'window', 'frame', 'layer', 'sheet', 'page',
  'folder', 'place', 'spot', 'route', 'trail', 'track', 'lane', 'stream', 'pipe', 'channel',
];
const ADJECTIVES = [
  'given', 'next', 'prior', 'outer', 'inner', 'plain', 'local', 'main', 'extra', 'spare',
  'first', 'last', 'other', 'final', 'early', 'late', 'upper', 'lower', 'whole', 'partial',
];

/** A name not in `taken`, drawn with `rng` (uniform integers below n). */
export function drawName(rng: (n: number) => number, taken: (name: string) => boolean): string {
  for (let attempt = 0; attempt < 200; attempt++) {
    const noun = NOUNS[rng(NOUNS.length)]!;
    const name = attempt < 20 && rng(3) !== 0 ? noun : ADJECTIVES[rng(ADJECTIVES.length)]! + noun[0]!.toUpperCase() + noun.slice(1);
    if (!taken(name)) return name;
  }
  throw new Error('no free name left in the vocabulary');
}
