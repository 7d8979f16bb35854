// Token counting with a real BPE tokenizer (cl100k_base via js-tiktoken), loaded once.
import { Tiktoken } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';

let enc: Tiktoken | undefined;

function encoder(): Tiktoken {
  enc ??= new Tiktoken(cl100k);
  return enc;
}

/** Number of cl100k_base tokens in `text`. */
export function countTokens(text: string): number {
  return encoder().encode(text, 'all').length;
}

/** The longest prefix of `text` that fits in `max` tokens. */
export function truncateToTokens(text: string, max: number): string {
  const ids = encoder().encode(text, 'all');
  return ids.length <= max ? text : encoder().decode(ids.slice(0, max));
}
