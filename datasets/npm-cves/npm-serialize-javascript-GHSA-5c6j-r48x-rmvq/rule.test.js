// Annotated test for serialize-javascript-ghsa-5c6j-r48x-rmvq-code-injection (ours, written for
// the test). A small serializer whose placeholder callback rebuilds dates and regexps as code.
module.exports = function serialize(value, options) {
  const regexps = [];
  const dates = [];
  const str = JSON.stringify(value, function (k, v) {
    const orig = this[k];
    if (orig instanceof RegExp) return '@R-' + (regexps.push(orig) - 1) + '@';
    if (orig instanceof Date) return '@D-' + (dates.push(orig) - 1) + '@';
    return v;
  });

  const unchecked = str.replace(/"@([RD])-(\d+)@"/g, function (match, type, i) {
    if (type === 'D') {
      // ruleid: serialize-javascript-ghsa-5c6j-r48x-rmvq-code-injection
      return 'new Date("' + dates[i].toISOString() + '")';
    }
    // ruleid: serialize-javascript-ghsa-5c6j-r48x-rmvq-code-injection
    return 'new RegExp(' + serialize(regexps[i].source) + ', "' + regexps[i].flags + '")';
  });

  const checked = str.replace(/"@([RD])-(\d+)@"/g, function (match, type, i) {
    if (type === 'D') {
      const iso = String(dates[i].toISOString());
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/.test(iso)) {
        throw new TypeError('bad date');
      }
      // ok: serialize-javascript-ghsa-5c6j-r48x-rmvq-code-injection
      return 'new Date("' + iso + '")';
    }
    const flags = String(regexps[i].flags).replace(/[^dgimsuvy]/g, '');
    // ok: serialize-javascript-ghsa-5c6j-r48x-rmvq-code-injection
    return 'new RegExp(' + serialize(regexps[i].source, options) + ', "' + flags + '")';
  });

  const encoded = str.replace(/"@([RD])-(\d+)@"/g, (match, type, i) => {
    if (type === 'D') {
      // ok: serialize-javascript-ghsa-5c6j-r48x-rmvq-code-injection
      return 'new Date(' + JSON.stringify(dates[i].toISOString()) + ')';
    }
    // ok: serialize-javascript-ghsa-5c6j-r48x-rmvq-code-injection
    return 'new RegExp(' + serialize(regexps[i].source) + ', ' + serialize(regexps[i].flags) + ')';
  });

  const logsOnly = str.replace(/"@([RD])-(\d+)@"/g, (match, type, i) => {
    const iso = dates[i].toISOString();
    if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(iso)) console.warn('odd date', iso);
    // ruleid: serialize-javascript-ghsa-5c6j-r48x-rmvq-code-injection
    return 'new Date("' + iso + '")';
  });

  const unanchored = str.replace(/"@([RD])-(\d+)@"/g, (match, type, i) => {
    const flags = regexps[i].flags;
    // Finds one letter somewhere; the rest may be anything.
    if (!/[gimsuy]/.test(flags)) return 'null';
    // ruleid: serialize-javascript-ghsa-5c6j-r48x-rmvq-code-injection
    return 'new RegExp("x", "' + flags + '")';
  });

  // ok: serialize-javascript-ghsa-5c6j-r48x-rmvq-code-injection
  return [unchecked, checked, encoded, logsOnly, unanchored].join(',');
};
