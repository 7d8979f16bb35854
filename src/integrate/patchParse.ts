// A lenient unified-diff reader for model answers. Models get hunk counts wrong, drop the space
// of blank context lines, omit headers and write prose between files; the `diff` package's own
// parser throws on all of these. We keep each hunk's lines and recompute its counts.

import type { StructuredPatchHunk } from 'diff';

export interface FilePatch {
  /** Path before the change; null for /dev/null (a creation); undefined when the diff has no header. */
  oldPath: string | null | undefined;
  /** Path after the change; null for /dev/null (a deletion); undefined when the diff has no header. */
  newPath: string | null | undefined;
  hunks: StructuredPatchHunk[];
}

// A hunk header: @@ -oldStart[,oldLines] +newStart[,newLines] @@ (counts are recomputed).
const HUNK = /^@@+ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@+/;
// A git header: diff --git a/PATH b/PATH.
const GIT = /^diff --git (\S+) (\S+)\s*$/;

function headerPath(s: string): string | null {
  let p = s.split('\t')[0]!.trim();
  if (/^".*"$/.test(p)) p = p.slice(1, -1);
  return p === '/dev/null' ? null : p;
}

/** Strips git's a/ and b/ prefixes when both sides use them (or one side is /dev/null). */
function stripGitPrefixes(fp: FilePatch): FilePatch {
  const o = fp.oldPath;
  const n = fp.newPath;
  const okOld = o === null || o === undefined || o.startsWith('a/');
  const okNew = n === null || n === undefined || n.startsWith('b/');
  if (okOld && okNew && (o || n)) {
    return { ...fp, oldPath: o ? o.slice(2) : o, newPath: n ? n.slice(2) : n };
  }
  return fp;
}

interface OpenHunk {
  hunk: StructuredPatchHunk;
  /** How many trailing lines came from empty lines (likely prose spacing, not context). */
  trailingEmpty: number;
}

function finish(h: OpenHunk): StructuredPatchHunk {
  const lines = h.hunk.lines.slice(0, h.hunk.lines.length - h.trailingEmpty);
  const oldLines = lines.filter((l) => l[0] === ' ' || l[0] === '-').length;
  const newLines = lines.filter((l) => l[0] === ' ' || l[0] === '+').length;
  return { ...h.hunk, lines, oldLines, newLines };
}

/** Every file patch with at least one hunk, in order. */
export function parseUnifiedDiff(text: string): FilePatch[] {
  const lines = text.split(/\r?\n/);
  const files: FilePatch[] = [];
  let cur: FilePatch | undefined;
  let open: OpenHunk | undefined;
  let fromGit = false;

  const closeHunk = (): void => {
    if (open && cur) cur.hunks.push(finish(open));
    open = undefined;
  };
  const newFile = (oldPath: string | null | undefined, newPath: string | null | undefined): void => {
    closeHunk();
    cur = { oldPath, newPath, hunks: [] };
    files.push(cur);
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const isFileHeader = line.startsWith('--- ') && (lines[i + 1] ?? '').startsWith('+++ ');
    if (open && !isFileHeader && !GIT.test(line) && !line.startsWith('@@')) {
      const c = line[0];
      if (c === ' ' || c === '+' || c === '-' || c === '\\') {
        open.hunk.lines.push(line);
        open.trailingEmpty = 0;
        continue;
      }
      if (line === '') {
        open.hunk.lines.push(' ');
        open.trailingEmpty++;
        continue;
      }
      closeHunk();
      continue;
    }
    const git = GIT.exec(line);
    if (git) {
      newFile(headerPath(git[1]!), headerPath(git[2]!));
      fromGit = true;
      continue;
    }
    if (isFileHeader) {
      const o = headerPath(line.slice(4));
      const n = headerPath(lines[i + 1]!.slice(4));
      if (cur && fromGit && cur.hunks.length === 0 && !open) {
        cur.oldPath = o;
        cur.newPath = n;
      } else {
        newFile(o, n);
      }
      fromGit = false;
      i++;
      continue;
    }
    if (line.startsWith('@@')) {
      closeHunk();
      if (!cur) newFile(undefined, undefined);
      const m = HUNK.exec(line);
      const oldStart = m ? Number(m[1]) : 1;
      const newStart = m ? Number(m[2]) : 1;
      open = { hunk: { oldStart, oldLines: 0, newStart, newLines: 0, lines: [] }, trailingEmpty: 0 };
    }
  }
  closeHunk();
  return files.filter((f) => f.hunks.length > 0).map(stripGitPrefixes);
}
