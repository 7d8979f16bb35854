// Container images without a container engine: unpack an image archive (`docker save` output, or an
// OCI image layout as a folder or a tar, e.g. from `skopeo copy docker://IMG oci-archive:img.tar`)
// into a root file system folder that the sandbox mounts read-only as its `/`, plus the image's
// config (working directory, environment). Layers are applied in order with OCI whiteouts
// (`.wh.<name>` deletes a lower file, `.wh..wh..opq` empties a lower folder). Unpacked once per
// archive content (sha256) into the cache; a half-written unpack is never used. Every path is
// resolved inside the rootfs as the container would (symlinks followed with the rootfs as `/`), so a
// hostile layer cannot write or delete outside it; symlink targets are kept verbatim (absolute
// ones are right inside the sandbox, where the rootfs is `/`). Files are not chowned: the sandbox
// user owns every unpacked file, which is what an image's root-run scripts expect.

import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, linkSync, lstatSync, mkdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { chmod, lstat, mkdir, mkdtemp, readFile, readdir, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar';
import { HarnessError } from '../core/index.js';

export interface ImageConfig {
  /** Working directory of the image's commands ('' when the image sets none). */
  workingDir: string;
  /** The image's environment (`KEY=value` entries, as in the image config). */
  env: string[];
  /** The image's user (informational: the sandbox always runs as an unprivileged user). */
  user: string;
}

export interface UnpackedImage {
  /** Absolute path of the root file system folder. */
  rootfs: string;
  config: ImageConfig;
  /** sha256 of the archive (or of the layout's manifest) the rootfs came from. */
  digest: string;
}

interface LayerRef { file: string; compression: 'none' | 'gzip' }

const bad = (archive: string, what: string): HarnessError => new HarnessError('IMAGE_INVALID', `${archive}: ${what}`);

async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  await pipeline(createReadStream(file), h);
  return h.digest('hex');
}

async function readJson(file: string, archive: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch (e) {
    throw bad(archive, `${path.basename(file)} is not readable JSON (${(e as Error).message})`);
  }
}

function blobPath(layout: string, digest: unknown, archive: string): string {
  if (typeof digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(digest)) throw bad(archive, `bad blob digest ${JSON.stringify(digest)}`);
  return path.join(layout, 'blobs', 'sha256', digest.slice(7));
}

function compressionOf(mediaType: unknown, archive: string): LayerRef['compression'] {
  const mt = typeof mediaType === 'string' ? mediaType : '';
  if (/zstd/.test(mt)) throw bad(archive, `layer media type ${mt} (zstd) is not supported here; re-export the image with gzip or uncompressed layers`);
  return /gzip/.test(mt) ? 'gzip' : 'none';
}

/** The layers (bottom first) and config of an extracted archive or layout folder. */
async function readImage(dir: string, archive: string): Promise<{ layers: LayerRef[]; config: ImageConfig }> {
  const toConfig = (raw: unknown): ImageConfig => {
    const c = ((raw as { config?: unknown } | null)?.config ?? {}) as { WorkingDir?: unknown; Env?: unknown; User?: unknown };
    return {
      workingDir: typeof c.WorkingDir === 'string' ? c.WorkingDir : '',
      env: Array.isArray(c.Env) ? c.Env.filter((e): e is string => typeof e === 'string') : [],
      user: typeof c.User === 'string' ? c.User : '',
    };
  };
  if (existsSync(path.join(dir, 'index.json'))) {
    let node = await readJson(path.join(dir, 'index.json'), archive) as { manifests?: { digest?: string; mediaType?: string; platform?: { os?: string; architecture?: string } }[]; layers?: unknown };
    // An index may point to further indexes (multi-platform): prefer linux/amd64, else the first.
    for (let depth = 0; depth < 4 && Array.isArray(node.manifests); depth++) {
      const ms = node.manifests;
      const pick = ms.find((m) => m.platform?.os === 'linux' && m.platform.architecture === 'amd64') ?? ms[0];
      if (!pick) throw bad(archive, 'index.json lists no manifest');
      node = await readJson(blobPath(dir, pick.digest, archive), archive) as typeof node;
    }
    const m = node as { config?: { digest?: string }; layers?: { digest?: string; mediaType?: string }[] };
    if (!Array.isArray(m.layers) || !m.config) throw bad(archive, 'the image manifest has no layers/config');
    const layers = m.layers.map((l) => ({ file: blobPath(dir, l.digest, archive), compression: compressionOf(l.mediaType, archive) }));
    return { layers, config: toConfig(await readJson(blobPath(dir, m.config.digest, archive), archive)) };
  }
  if (existsSync(path.join(dir, 'manifest.json'))) {
    const list = await readJson(path.join(dir, 'manifest.json'), archive) as { Config?: unknown; Layers?: unknown }[];
    const m = Array.isArray(list) ? list[0] : undefined;
    if (!m || typeof m.Config !== 'string' || !Array.isArray(m.Layers)) throw bad(archive, 'manifest.json has no Config/Layers');
    const inside = (p: unknown): string => {
      if (typeof p !== 'string' || p.split('/').includes('..') || path.isAbsolute(p)) throw bad(archive, `manifest.json names a bad path ${JSON.stringify(p)}`);
      return path.join(dir, p);
    };
    // docker save layers are plain tars or (newer engines) gzip blobs: node-tar detects gzip itself.
    const layers = m.Layers.map((l) => ({ file: inside(l), compression: 'none' as const }));
    return { layers, config: toConfig(await readJson(inside(m.Config), archive)) };
  }
  throw bad(archive, 'neither an OCI image layout (index.json) nor a `docker save` archive (manifest.json)');
}

const MAX_SYMLINK_HOPS = 40;

/**
 * Resolve the archive path `rel` inside `root` the way the container will see it, with `root` as
 * `/`: symlinks in the path are followed (absolute ones from `root`), `..` stops at `root`, so the
 * result is always under `root` (the containerd/umoci "secure join"). The last component is not
 * followed when `followLast` is false (an entry replaces a symlink, it does not write through it).
 */
export function secureJoin(root: string, rel: string, followLast = false): string {
  const pending = rel.split('/').filter((c) => c !== '' && c !== '.');
  const done: string[] = [];
  let hops = 0;
  while (pending.length) {
    const c = pending.shift()!;
    if (c === '..') { done.pop(); continue; }
    const candidate = path.join(root, ...done, c);
    const last = pending.length === 0;
    let st;
    try { st = lstatSync(candidate); } catch { st = undefined; }
    if (st?.isSymbolicLink() && (!last || followLast)) {
      if (++hops > MAX_SYMLINK_HOPS) throw new Error(`too many symlinks resolving ${rel}`);
      const target = readlinkSync(candidate);
      if (target.startsWith('/')) done.length = 0;
      pending.unshift(...target.split('/').filter((x) => x !== '' && x !== '.'));
      continue;
    }
    done.push(c);
  }
  return path.join(root, ...done);
}

interface TarEntry extends NodeJS.ReadableStream {
  path: string;
  type: string;
  linkpath?: string;
  mode?: number;
  resume(): this;
}

/** Apply one layer: whiteouts first (they act on the lower layers), then its entries. */
async function applyLayer(rootfs: string, layer: LayerRef): Promise<void> {
  const whiteouts: string[] = [];
  await tar.t({ file: layer.file, onReadEntry: (e) => { if (path.posix.basename(e.path).startsWith('.wh.')) whiteouts.push(e.path); } });
  for (const w of whiteouts) {
    const dir = secureJoin(rootfs, path.posix.dirname(w), true);
    const name = path.posix.basename(w);
    if (name === '.wh..wh..opq') {
      if (!lstatSync(dir, { throwIfNoEntry: false })?.isDirectory()) continue;
      for (const child of await readdir(dir)) await rm(path.join(dir, child), { recursive: true, force: true });
    } else if (name.length > 4 && name !== '.wh..' && name !== '.wh...') {
      await rm(path.join(dir, name.slice(4)), { recursive: true, force: true });
    }
  }
  const writes: Promise<void>[] = [];
  const dirModes: [string, number][] = [];
  const onEntry = (e: TarEntry): void => {
    const rel = e.path;
    const base = path.posix.basename(rel.replace(/\/+$/, ''));
    if (base.startsWith('.wh.') || base === '' || base === '.' || base === '..') { e.resume(); return; }
    const parent = secureJoin(rootfs, path.posix.dirname(rel), true);
    const dest = path.join(parent, base);
    const mode = (e.mode ?? 0o644) & 0o7777;
    try {
      mkdirSync(parent, { recursive: true });
      const existing = lstatSync(dest, { throwIfNoEntry: false });
      if (e.type === 'Directory') {
        if (existing && !existing.isDirectory()) rmSync(dest, { recursive: true, force: true });
        mkdirSync(dest, { recursive: true });
        dirModes.push([dest, mode]);
        e.resume();
        return;
      }
      if (existing) rmSync(dest, { recursive: true, force: true });
      if (e.type === 'SymbolicLink' && e.linkpath !== undefined) {
        symlinkSync(e.linkpath, dest);
        e.resume();
      } else if (e.type === 'Link' && e.linkpath !== undefined) {
        linkSync(secureJoin(rootfs, e.linkpath, false), dest);
        e.resume();
      } else if (e.type === 'File' || e.type === 'OldFile' || e.type === 'ContiguousFile') {
        const out = createWriteStream(dest, { mode: mode & 0o777 });
        writes.push(pipeline(e, out).then(() => chmod(dest, mode & 0o1777)));
      } else {
        e.resume(); // devices, fifos, sockets: not needed to run a project's scripts
      }
    } catch (err) {
      e.resume();
      writes.push(Promise.reject(new Error(`${rel}: ${(err as Error).message}`)));
    }
  };
  await pipeline(createReadStream(layer.file), new tar.Parser({ onReadEntry: onEntry as never }));
  const results = await Promise.allSettled(writes);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw new Error(`layer ${path.basename(layer.file)}: ${String((failed.reason as Error).message ?? failed.reason)}`);
  // Folder modes last (a read-only folder would have refused its own files); never below u+rwx
  // for the owner, since the sandbox user is the owner of every unpacked file.
  for (const [d, m] of dirModes.reverse()) await chmod(d, m | 0o700).catch(() => undefined);
}

/** File name of an image's archive in an images folder: the reference with `/` and `:` as `_`, plus `.tar`. */
export function imageArchiveName(ref: string): string {
  return `${ref.replace(/[/:@]/g, '_')}.tar`;
}

/**
 * The archive (or OCI layout folder) for image `ref` in `dir`: `<name>.tar` or `<name>/` (see
 * imageArchiveName), also tried without a `:latest` tag. Undefined when there is none.
 */
export function findImageArchive(dir: string, ref: string): string | undefined {
  const names = [imageArchiveName(ref), imageArchiveName(ref.replace(/:latest$/, ''))];
  for (const n of names) {
    for (const p of [path.join(dir, n), path.join(dir, n.replace(/\.tar$/, ''))]) if (existsSync(p)) return p;
  }
  return undefined;
}

/**
 * Unpack `archive` (a `docker save` tar, an OCI archive tar, or an OCI layout folder) into
 * `cacheRoot/<sha256>/rootfs`, once. Throws HarnessError('IMAGE_INVALID') with one line for an
 * archive it cannot read.
 */
export async function unpackImage(archive: string, cacheRoot: string): Promise<UnpackedImage> {
  const st = await stat(archive).catch(() => undefined);
  if (!st) throw bad(archive, 'image archive not found');
  const digest = st.isDirectory()
    ? createHash('sha256').update(await readFile(path.join(archive, 'index.json')).catch(() => Buffer.from(archive))).digest('hex')
    : await sha256File(archive);
  const dest = path.join(cacheRoot, digest);
  const done = path.join(dest, 'image.json');
  if (existsSync(done)) {
    const config = await readJson(done, archive) as ImageConfig;
    return { rootfs: path.join(dest, 'rootfs'), config, digest };
  }
  await mkdir(cacheRoot, { recursive: true });
  const work = await mkdtemp(path.join(cacheRoot, `.unpack-${digest.slice(0, 12)}-`));
  try {
    let layout = archive;
    if (!st.isDirectory()) {
      layout = path.join(work, 'archive');
      await mkdir(layout);
      try {
        await tar.x({ file: archive, cwd: layout, preservePaths: false });
      } catch (e) {
        throw bad(archive, `not a readable tar archive (${(e as Error).message})`);
      }
    }
    const { layers, config } = await readImage(layout, archive);
    const rootfs = path.join(work, 'rootfs');
    await mkdir(rootfs);
    const realRoot = await realpath(rootfs);
    for (const l of layers) {
      if (!(await lstat(l.file).catch(() => undefined))?.isFile()) throw bad(archive, `layer ${path.relative(layout, l.file)} is missing`);
      await applyLayer(realRoot, l);
    }
    await rm(path.join(work, 'archive'), { recursive: true, force: true });
    await writeFile(path.join(work, 'image.json'), JSON.stringify(config));
    await rm(dest, { recursive: true, force: true });
    await rename(work, dest);
    return { rootfs: path.join(dest, 'rootfs'), config, digest };
  } catch (e) {
    await rm(work, { recursive: true, force: true });
    throw e;
  }
}
