// Masking (method.md §2): the block at vuln_lines becomes one `<MASKED>` line at its indentation.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { diffArrays } from 'diff';
import { applyEdScript } from './ed.js';
import { HarnessError, instanceFile, MASK_TOKEN, type Instance, type LineRange, type Task } from '../core/index.js';


/** Splits text into lines, remembering the terminator. A final terminator leaves a last '' entry. */
export function splitLines(text: string): { lines: string[]; eol: string } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { lines: text.split(/\r?\n/), eol };
}

/** Lines [start, end] (1-based inclusive) of a file; throws REGION_INVALID when they don't fit. */
export function sliceRegion(lines: string[], range: LineRange, where: string): string[] {
  const [start, end] = range;
  // A file ending in a newline has a trailing '' that is not a line of its own.
  const count = lines.at(-1) === '' ? lines.length - 1 : lines.length;
  if (start < 1 || end > count || start > end) {
    throw new HarnessError('REGION_INVALID', `${where}: lines [${start}, ${end}] are outside the file (${count} lines)`);
  }
  return lines.slice(start - 1, end);
}

function indentOf(block: string[]): string {
  const first = block.find((l) => l.trim() !== '');
  return first ? (/^[ \t]*/.exec(first)?.[0] ?? '') : '';
}

/**
 * Builds the Task of an instance in a workspace. `gold` is the gold block when known.
 * Throws REGION_INVALID when the file is missing or vuln_lines do not fit it.
 */
export function makeTask(instance: Instance, repoRoot: string, gold?: string[]): Task {
  const file = instance.vuln_file;
  const abs = path.resolve(repoRoot, file);
  if (!abs.startsWith(path.resolve(repoRoot) + path.sep) || !existsSync(abs)) {
    throw new HarnessError('REGION_INVALID', `${instance.id}: vuln_file "${file}" is not in the repository`);
  }
  const original = readFileSync(abs, 'utf8');
  const { lines, eol } = splitLines(original);
  const block = sliceRegion(lines, instance.vuln_lines, `${instance.id}: vuln_lines in ${file}`);
  const [start, end] = instance.vuln_lines;
  const prefix = lines.slice(0, start - 1);
  const suffix = lines.slice(end);
  const indent = indentOf(block);
  const masked = [...prefix, indent + MASK_TOKEN, ...suffix].join(eol);
  return {
    instance, file, original, eol, prefix, suffix, vulnerableBlock: block, indent, masked,
    ...(gold ? { goldBlock: gold } : {}),
  };
}

/**
 * The gold block: our own block_file, our edits of the vulnerable block (block_patch, needs
 * `baseRoot`, the vulnerable source), or the fixed range of the fixed source's file.
 */
/**
 * Where the region [start, end] of `base` lies in `fixed`: the lines between the nearest unchanged
 * line before it and the nearest unchanged line after it (an LCS diff), so edits touching the
 * region's edges belong to it. Used for imported A.S.E rows, whose fix is a commit, not a region.
 */
export function mapRegion(base: string[], fixed: string[], [start, end]: LineRange): LineRange {
  let i = 0; // base lines consumed
  let j = 0; // fixed lines consumed
  let before = 0; // fixed line (1-based) of the last unchanged line before the region
  let after = fixed.length + 1; // fixed line of the first unchanged line after it
  for (const part of diffArrays(base, fixed)) {
    const n = part.value.length;
    if (part.added) { j += n; continue; }
    if (part.removed) { i += n; continue; }
    for (let k = 0; k < n; k++) {
      const bLine = i + k + 1;
      const fLine = j + k + 1;
      if (bLine < start) before = fLine;
      else if (bLine > end && after === fixed.length + 1) after = fLine;
    }
    i += n;
    j += n;
  }
  return [before + 1, after - 1];
}

export function readGoldBlock(instance: Instance, fixRoot?: string, baseRoot?: string): string[] | undefined {
  const fix = instance.fix;
  if (!fix) return undefined;
  if (fix.block_file && instance.dir) {
    const text = readFileSync(instanceFile(instance, fix.block_file), 'utf8');
    const { lines } = splitLines(text.replace(/\r?\n$/, ''));
    return lines;
  }
  if (fix.block_patch && instance.dir) {
    // Our gold as edits of the vulnerable block, which comes from the vulnerable source.
    if (!baseRoot) return undefined;
    const base = splitLines(readFileSync(path.join(baseRoot, instance.vuln_file), 'utf8')).lines;
    const vulnerable = sliceRegion(base, instance.vuln_lines, `${instance.id}: vuln_lines in ${instance.vuln_file}`);
    const where = instanceFile(instance, fix.block_patch);
    try {
      return applyEdScript(vulnerable, readFileSync(where, 'utf8'), where);
    } catch (e) {
      throw new HarnessError('INSTANCE_INVALID', (e as Error).message);
    }
  }
  if (!fixRoot) return undefined;
  const file = fix.file ?? instance.vuln_file;
  const abs = path.join(fixRoot, file);
  if (!existsSync(abs)) throw new HarnessError('REGION_INVALID', `${instance.id}: fix.file "${file}" is not in the fixed source`);
  const { lines } = splitLines(readFileSync(abs, 'utf8'));
  if (fix.lines) return sliceRegion(lines, fix.lines, `${instance.id}: fix.lines in ${file}`);
  // No region given (an imported A.S.E row): find the vulnerable region in the fixed file by diffing.
  const baseFile = baseRoot ? path.join(baseRoot, instance.vuln_file) : undefined;
  if (!baseFile || !existsSync(baseFile)) return undefined;
  const base = splitLines(readFileSync(baseFile, 'utf8')).lines;
  sliceRegion(base, instance.vuln_lines, `${instance.id}: vuln_lines in ${instance.vuln_file}`);
  const [a, b] = mapRegion(base, lines, instance.vuln_lines);
  return lines.slice(a - 1, Math.max(a - 1, b));
}

/** The masked file with `block` spliced in place of the mask. */
export function spliceBlock(task: Task, block: string[]): string {
  return [...task.prefix, ...block, ...task.suffix].join(task.eol);
}
