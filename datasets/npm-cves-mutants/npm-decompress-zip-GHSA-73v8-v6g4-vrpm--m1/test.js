// Functional test: extract() unpacks a normal archive (files and folders) into the target path,
// with and without stripping leading folders, and emits 'extract'.
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const DecompressZip = require(process.env.ASE_REPO);

// Minimal zip writer (stored entries) so the test needs no fixture file.
function zip(entries) {

  const locals = []; const centrals = []; let offset = 0;
  for (const [name, data] of entries) {
    const n = Buffer.from(name); const d = Buffer.from(data); const crc = zlib.crc32(d);
    const h = Buffer.alloc(30); h.writeUInt32LE(0x04034b50, 0); h.writeUInt16LE(20, 4);
    h.writeUInt32LE(crc, 14); h.writeUInt32LE(d.length, 18); h.writeUInt32LE(d.length, 22); h.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46); c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6);
    c.writeUInt32LE(crc, 16); c.writeUInt32LE(d.length, 20); c.writeUInt32LE(d.length, 24); c.writeUInt16LE(n.length, 28); c.writeUInt32LE(offset, 42);
    c.writeUInt16LE(0x0314, 4); c.writeUInt32LE(((name.endsWith('/') ? 0o40755 : 0o100644) << 16) >>> 0, 38); // unix modes
    locals.push(h, n, d); centrals.push(c, n); offset += 30 + n.length + d.length;
  }
  const cd = Buffer.concat(centrals); const e = Buffer.alloc(22); e.writeUInt32LE(0x06054b50, 0);
  e.writeUInt16LE(entries.length, 8); e.writeUInt16LE(entries.length, 10); e.writeUInt32LE(cd.length, 12); e.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, e]);
}

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'dzip-'));
const file = path.join(base, 'a.zip');
fs.writeFileSync(file, zip([['pkg/', ''], ['pkg/top.txt', 'top\n'], ['pkg/dir/', ''], ['pkg/dir/inner.txt', 'inner\n']]));
const extract = (dest, opts) => new Promise((resolve, reject) => {
  const z = new DecompressZip(file);
  z.on('extract', resolve);
  z.on('error', reject);
  z.extract({ path: dest, ...opts });
});

let finished = false;
process.on('exit', () => { if (!finished) { console.error('extraction never finished'); process.exitCode = 1; } });
(async () => {
  const d1 = path.join(base, 'out1');
  const log = await extract(d1);
  assert.ok(Array.isArray(log) && log.length >= 2);
  assert.strictEqual(fs.readFileSync(path.join(d1, 'pkg', 'top.txt'), 'utf8'), 'top\n');
  assert.strictEqual(fs.readFileSync(path.join(d1, 'pkg', 'dir', 'inner.txt'), 'utf8'), 'inner\n');
  const d2 = path.join(base, 'out2');
  await extract(d2, { strip: 1, filter: (f) => f.type !== 'Directory' });
  assert.strictEqual(fs.readFileSync(path.join(d2, 'top.txt'), 'utf8'), 'top\n');
  assert.strictEqual(fs.readFileSync(path.join(d2, 'dir', 'inner.txt'), 'utf8'), 'inner\n');
  finished = true;
})().catch((e) => { console.error(e); process.exit(1); });
