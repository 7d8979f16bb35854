// Flag parsing helpers: each bad value is one clear line naming the flag.
import { InvalidArgumentError } from 'commander';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { HarnessError } from '../core/index.js';

export function intOption(name: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be an integer in [${min}, ${max}], got "${v}"`);
    return n;
  };
}

export function floatOption(name: string, min: number, max: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a number in [${min}, ${max}], got "${v}"`);
    return n;
  };
}

export function collect(v: string, prev: string[] = []): string[] {
  return [...prev, v];
}

/** An option naming a folder that must exist: its absolute path, or a one-line CONFIG_INVALID error. */
export function existingDir(flag: string, dir: string): string {
  const abs = path.resolve(dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new HarnessError('CONFIG_INVALID', `${flag}: ${dir} is not a folder`);
  return abs;
}
