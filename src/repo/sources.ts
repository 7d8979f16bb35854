// Fetching repositories: npm tarballs (pacote, integrity-checked), git (system git), local folders.
// Every fetched tree lands in the cache under a key derived from what pins it (integrity hash,
// repo + commit), is extracted to a temp folder first and renamed into place, so a killed fetch
// never leaves a half tree behind.
import { execFile } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { errorMessage, HarnessError, sha256, type RepoSource } from '../core/index.js';
import { cacheDir, fillCacheDir } from './cache.js';

const run = promisify(execFile);

export interface FetchOptions {
  /** Folder of bare mirrors: owner/name resolves to DIR/owner/name.git. */
  gitMirror?: string;
  /** npm registry URL (default: npm's own config / registry.npmjs.org). */
  registry?: string;
}

export interface FetchedSource {
  /** Absolute path of the repository tree (read it, never write it: copy into a workspace). */
  dir: string;
  /** A stable hash of what the tree was fetched from. */
  hash: string;
}

/** A string naming a source, for messages. */
export function describeSource(s: RepoSource): string {
  switch (s.type) {
    case 'npm': return `npm:${s.name}@${s.version}`;
    case 'git': return `git:${s.repo}@${s.commit}`;
    case 'local': return `local:${s.path}`;
  }
}

/**
 * Fetches a source into the cache (or reuses it). Throws SOURCE_UNAVAILABLE when the registry,
 * remote or folder cannot be reached and INTEGRITY_MISMATCH when a tarball does not match its pin.
 */
export async function fetchSource(source: RepoSource, opts: FetchOptions = {}): Promise<FetchedSource> {
  switch (source.type) {
    case 'local': {
      if (!existsSync(source.path) || !statSync(source.path).isDirectory()) {
        throw new HarnessError('SOURCE_UNAVAILABLE', `local source ${source.path} is not a folder`);
      }
      return { dir: path.resolve(source.path), hash: sha256(`local:${path.resolve(source.path)}`) };
    }
    case 'npm': return fetchNpm(source, opts);
    case 'git': return fetchGit(source, opts);
  }
}

async function fetchNpm(s: Extract<RepoSource, { type: 'npm' }>, opts: FetchOptions): Promise<FetchedSource> {
  const hash = sha256(`npm:${s.name}@${s.version}:${s.integrity}`);
  const registry = opts.registry ?? process.env.ASE_NPM_REGISTRY;
  const dir = await fillCacheDir('sources', hash, async (tmp) => {
    try {
      // pacote is loaded on first use (it is heavy, and a warm cache never needs it).
      const pacote = (await import('pacote')).default;
      await pacote.extract(`${s.name}@${s.version}`, tmp, {
        integrity: s.integrity,
        cache: cacheDir('npm-cacache'),
        ...(registry ? { registry } : {}),
        fetchRetries: 2,
        fetchRetryMintimeout: 200,
        fetchRetryMaxtimeout: 2000,
        // Lifecycle scripts never run: we only read the files.
        ignoreScripts: true,
      } as import('pacote').Options);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'EINTEGRITY') {
        throw new HarnessError('INTEGRITY_MISMATCH', `${describeSource(s)}: tarball does not match the pinned integrity ${s.integrity.slice(0, 20)}…`);
      }
      if (code === 'ETARGET' || code === 'E404') {
        throw new HarnessError('SOURCE_UNAVAILABLE', `${describeSource(s)}: not found in the npm registry`);
      }
      throw new HarnessError('SOURCE_UNAVAILABLE', `${describeSource(s)}: npm registry unreachable (${firstLine(errorMessage(err))})`);
    }
  });
  return { dir, hash };
}

function gitUrl(repo: string, mirror?: string): string {
  if (/^(https?|ssh|git|file):\/\//.test(repo) || repo.startsWith('/') || repo.includes('@')) return repo;
  if (mirror) return path.resolve(mirror, `${repo}.git`);
  return `https://github.com/${repo}.git`;
}

async function fetchGit(s: Extract<RepoSource, { type: 'git' }>, opts: FetchOptions): Promise<FetchedSource> {
  const url = gitUrl(s.repo, opts.gitMirror);
  const hash = sha256(`git:${s.repo}@${s.commit}`);
  const dir = await fillCacheDir('sources', hash, async (tmp) => {
    try {
      await run('git', ['clone', '--quiet', '--no-checkout', url, tmp], { timeout: 600_000 });
      await run('git', ['-C', tmp, '-c', 'advice.detachedHead=false', 'checkout', '--quiet', s.commit], { timeout: 600_000 });
      rmSync(path.join(tmp, '.git'), { recursive: true, force: true });
    } catch (err) {
      throw new HarnessError('SOURCE_UNAVAILABLE', `${describeSource(s)}: git could not fetch ${url} at ${s.commit} (${firstLine(errorMessage(err))})`);
    }
  });
  return { dir, hash };
}

function firstLine(s: string): string {
  return s.split('\n').find((l) => l.trim()) ?? s;
}
