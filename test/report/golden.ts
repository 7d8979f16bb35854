// Golden-file comparison (house style §11): UPDATE_GOLDEN=1 rewrites the files, review the diff.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';

const DIR = join(import.meta.dirname, 'golden');

export async function expectGolden(name: string, actual: string): Promise<void> {
  const file = join(DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') await writeFile(file, actual);
  expect(actual).toBe(await readFile(file, 'utf8'));
}
