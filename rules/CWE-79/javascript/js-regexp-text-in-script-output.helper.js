// Helper for js-regexp-text-in-script-output (ours): a debug printer whose output is not meant
// for a <script> (nothing in this file escapes '<' for one), so a regex's text is fine here.
exports.describe = function (value) {
  if (value instanceof RegExp) {
    // ok: js-regexp-text-in-script-output
    return 'regex ' + value.toString();
  }
  return typeof value;
};
