// Functional test: Extract() writes every entry of a normal archive under the target directory.
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { Readable } = require('node:stream');
const unzip = require(process.env.ASE_REPO);

// Minimal zip writer (stored entries) so the test needs no fixture file.
function zip(entries) {
  const locals = []; const centrals = []; let offset = 0;
  for (const [name, text] of entries) {
    const n = Buffer.from(name); const d = Buffer.from(text); const crc = zlib.crc32(d);
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

const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'unzip-dest-'));
const archive = zip([['top.txt', 'top\n'], ['dir/', ''], ['dir/inner.txt', 'inner\n'], ['dir/deep/x.txt', 'x\n'], ['a.b/c..d.txt', 'dots\n']]);
const seen = [];
const parser = unzip.Parse();
parser.on('entry', (entry) => { seen.push([entry.path, entry.type]); entry.autodrain(); });
parser.on('close', () => {
  assert.deepStrictEqual(seen, [['top.txt', 'File'], ['dir/', 'Directory'], ['dir/inner.txt', 'File'], ['dir/deep/x.txt', 'File'], ['a.b/c..d.txt', 'File']]);
  Readable.from([archive]).pipe(unzip.Extract({ path: dest })).on('close', () => {
    assert.strictEqual(fs.readFileSync(path.join(dest, 'top.txt'), 'utf8'), 'top\n');
    assert.strictEqual(fs.readFileSync(path.join(dest, 'dir', 'inner.txt'), 'utf8'), 'inner\n');
    assert.strictEqual(fs.readFileSync(path.join(dest, 'dir', 'deep', 'x.txt'), 'utf8'), 'x\n');
    assert.strictEqual(fs.readFileSync(path.join(dest, 'a.b', 'c..d.txt'), 'utf8'), 'dots\n');
    process.exit(0);
  }).on('error', (e) => { console.error(e); process.exit(1); });
});
parser.on('error', (e) => { console.error(e); process.exit(1); });
Readable.from([archive]).pipe(parser);
setTimeout(() => { console.error('timeout'); process.exit(1); }, 10000).unref();
