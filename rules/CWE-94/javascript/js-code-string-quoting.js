// Annotated test for js-code-string-quoting (ours, written for the test): small code generators
// that emit JavaScript source which is compiled later.
function readerFor(column, opts) {
  switch (column.kind) {
    case 'date':
      // ruleid: js-code-string-quoting
      return `reader.readDate('${opts.zone}')`;
    case 'text':
      // ok: js-code-string-quoting
      return `reader.readText(${JSON.stringify(opts.charset)})`;
    case 'flag':
      // ok: js-code-string-quoting
      return `reader.readBool(${Boolean(opts.strict)})`;
    default:
      // ok: js-code-string-quoting
      return 'reader.skip()';
  }
}

function reviveDate(value) {
  // ruleid: js-code-string-quoting
  return 'new Date("' + value.stamp + '")';
}

function reviveDateChecked(value) {
  const stamp = String(value.stamp);
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(stamp)) throw new TypeError('bad date');
  // ok: js-code-string-quoting
  return 'new Date("' + stamp + '")';
}

function emitter(name, label) {
  const lines = [];
  // ruleid: js-code-string-quoting
  lines.push(`out.write(${name}, "${label}")`);
  // ok: js-code-string-quoting
  lines.push(`out.write(${JSON.stringify(name)}, ${JSON.stringify(label)})`);
  return new Function('out', lines.join(';\n'));
}

function sqlText(table, col) {
  // ok: js-code-string-quoting
  return `json_extract(${table}, '${col}')`;
}

// A JSON.stringify replacer sees the caller's data (`this[key]`, `key`, `value`); what it
// collects into the enclosing function's arrays is written back into source text later.
function toSourceWithDates(data) {
  const stamps = [];
  function collect(key, value) {
    const raw = this[key];
    if (raw instanceof Date) return `@D${stamps.push(raw) - 1}@`;
    return value;
  }
  const json = JSON.stringify(data, collect);
  return json.replace(/"@D(\d+)@"/g, (m, i) => {
    // ruleid: js-code-string-quoting
    return 'new Date("' + stamps[i].toISOString() + '")';
  });
}

function toSourceWithPatterns(data, opts) {
  const patterns = [];
  const text = JSON.stringify(data, opts.raw ? null : function (key, value) {
    if (value instanceof RegExp) {
      patterns.push({ src: value.source, flags: value.flags });
      return '@R' + (patterns.length - 1);
    }
    return value;
  });
  let out = text;
  patterns.forEach((p, i) => {
    // ruleid: js-code-string-quoting
    out = out.replace('"@R' + i + '"', 'new RegExp("' + p.src + '", "' + p.flags + '")');
  });
  return out;
}

function toSourceWithKeys(data) {
  const keys = [];
  JSON.stringify(data, (key, value) => { keys.push(key); return value; });
  // ruleid: js-code-string-quoting
  return keys.map((k) => 'reg.add("' + k + '")').join(';');
}

// The fixes: the collected value is checked, or its type is a primitive whose text is digits.
function toSourceChecked(data) {
  const stamps = [];
  const json = JSON.stringify(data, function (key, value) {
    if (this[key] instanceof Date) return `@D${stamps.push(this[key]) - 1}@`;
    return value;
  });
  return json.replace(/"@D(\d+)@"/g, (m, i) => {
    const iso = String(stamps[i].toISOString());
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/.test(iso)) throw new TypeError('not a date');
    // ok: js-code-string-quoting
    return 'new Date("' + iso + '")';
  });
}

function toSourceBigInts(data) {
  const big = [];
  const json = JSON.stringify(data, function (key, value) {
    const own = this[key];
    const kind = typeof own;
    if (kind === 'bigint') return `@B${big.push(own) - 1}@`;
    return value;
  });
  return json.replace(/"@B(\d+)@"/g, (m, i) => {
    // ok: js-code-string-quoting
    return 'BigInt("' + big[i] + '")';
  });
}

function toSourceNumbers(data) {
  const nums = [];
  const json = JSON.stringify(data, (key, value) => {
    if (typeof value === 'number' && !isFinite(value)) { nums.push(value); return '@N'; }
    return value;
  });
  // ok: js-code-string-quoting
  return json + ';Number("' + nums[0] + '")';
}

// A replacer that keeps what it sees to itself changes nothing outside.
function toSourceLocal(data) {
  const json = JSON.stringify(data, (key, value) => {
    const seen = [];
    seen.push(value);
    return value;
  });
  const seen = ['fixed'];
  // ok: js-code-string-quoting
  return json + ';mark("' + seen[0] + '")';
}

module.exports = { readerFor, reviveDate, reviveDateChecked, emitter, sqlText, toSourceWithDates, toSourceWithPatterns, toSourceWithKeys, toSourceChecked, toSourceBigInts, toSourceNumbers, toSourceLocal };
