// Annotated test for js-markup-scan-untyped-input (ours, written for the test).

function escapeText(s) {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    // ruleid: js-markup-scan-untyped-input
    const c = s[i];
    if (c === '<') out += '&lt;';
    else if (c === '>') out += '&gt;';
    else if (c === '&') out += '&amp;';
    else out += c;
  }
  return out;
}

function dropTags(input) {
  let i = 0;
  let inTag = false;
  let out = '';
  while (i < input.length) {
    // ruleid: js-markup-scan-untyped-input
    const ch = input[i];
    if (ch === "<") inTag = true;
    else if (ch === ">") inTag = false;
    else if (!inTag) out += ch;
    i++;
  }
  return out;
}

const encodeEntities = (text, keepQuotes) => {
  let res = '';
  for (let k = 0, n = text.length; k < n; k++) {
    // ruleid: js-markup-scan-untyped-input
    switch (text[k]) {
      case '&': res += '&amp;'; break;
      case '<': res += '&lt;'; break;
      case '"': res += keepQuotes ? '"' : '&quot;'; break;
      default: res += text[k];
    }
  }
  return res;
};

function escapeTextFixed(s) {
  s = String(s);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    // ok: js-markup-scan-untyped-input
    const c = s[i];
    out += c === '<' ? '&lt;' : c === '>' ? '&gt;' : c;
  }
  return out;
}

function dropTagsChecked(input) {
  if (typeof input !== 'string') throw new TypeError('input must be a string');
  let out = '';
  let inTag = false;
  for (let i = 0; i < input.length; i++) {
    // ok: js-markup-scan-untyped-input
    const ch = input[i];
    if (ch === '<') inTag = true;
    else if (ch === '>') inTag = false;
    else if (!inTag) out += ch;
  }
  return out;
}

function escapeLocal(value) {
  const str = '' + value;
  let out = '';
  for (let i = 0; i < str.length; i++) {
    // ok: js-markup-scan-untyped-input
    out += str[i] === '<' ? '&lt;' : str[i];
  }
  return out;
}

function total(prices) {
  let sum = 0;
  for (let i = 0; i < prices.length; i++) {
    // ok: js-markup-scan-untyped-input
    sum += prices[i];
  }
  return sum;
}

function joinRows(rows) {
  let html = '';
  for (let i = 0; i < rows.length; i++) {
    // ok: js-markup-scan-untyped-input
    html += '<tr>' + rows[i].map(escapeText).join('') + '</tr>';
  }
  return html;
}

function groupTokens(tokens) {
  let state = 'text';
  for (let i = 0; i < tokens.length; i++) {
    // ok: js-markup-scan-untyped-input
    const token = tokens[i];
    switch (token.value) {
      case '<': state = 'address'; break;
      case '>': state = 'text'; break;
      default: token.state = state;
    }
  }
  return tokens;
}

function splitComparators(range) {
  const parts = [];
  let cur = '';
  for (let i = 0; i < range.length; i++) {
    // ok: js-markup-scan-untyped-input
    const c = range[i];
    if ((c === '<' || c === '>') && cur) { parts.push(cur); cur = ''; }
    cur += c;
  }
  return cur ? parts.concat(cur) : parts;
}

module.exports = { splitComparators, groupTokens,  escapeText, dropTags, encodeEntities, escapeTextFixed, dropTagsChecked, escapeLocal, total, joinRows };
