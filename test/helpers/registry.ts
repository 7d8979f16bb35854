// A local npm registry for tests: serves packuments and tarballs packed from our fixture
// packages with `npm pack`, so source fetching is tested offline with the real fetcher (pacote).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readFileSync, mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface LocalRegistry {
  url: string;
  /** sha512 SRI of each packed `name@version`. */
  integrity: Record<string, string>;
  requests: number;
  close(): Promise<void>;
}

/** Packs each folder with `npm pack` and serves them; `name` and `version` come from their package.json. */
export async function startRegistry(packageDirs: string[]): Promise<LocalRegistry> {
  const out = mkdtempSync(path.join(os.tmpdir(), 'ase-registry-'));
  const pkgs = packageDirs.map((dir) => {
    const meta = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name: string; version: string };
    const file = execFileSync('npm', ['pack', '--silent', '--pack-destination', out, dir], { encoding: 'utf8' }).trim().split('\n').at(-1) ?? '';
    const tgz = readFileSync(path.join(out, file));
    const integrity = `sha512-${createHash('sha512').update(tgz).digest('base64')}`;
    return { ...meta, tgz, integrity, file };
  });
  const state = { requests: 0 };
  const server = createServer((req, res) => {
    state.requests++;
    const url = decodeURIComponent(req.url ?? '/');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const tar = pkgs.find((p) => url === `/-/${p.file}`);
    if (tar) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(tar.tgz);
      return;
    }
    const name = url.slice(1);
    const versions = pkgs.filter((p) => p.name === name);
    if (!versions.length) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    const packument = {
      name,
      'dist-tags': { latest: versions.at(-1)?.version },
      versions: Object.fromEntries(versions.map((p) => [p.version, { name, version: p.version, dist: { tarball: `${base}/-/${p.file}`, integrity: p.integrity } }])),
    };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(packument));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    integrity: Object.fromEntries(pkgs.map((p) => [`${p.name}@${p.version}`, p.integrity])),
    get requests() {
      return state.requests;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
