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

module.exports = { readerFor, reviveDate, reviveDateChecked, emitter, sqlText };
