// Helper module for js-code-injection.js.
function calc(expression) {
  // ruleid: js-code-injection
  return eval('(' + expression + ')');
}

module.exports = { calc };
