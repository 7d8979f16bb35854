// Helper module for js-command-injection.js: the sink sits in another file.
const cp = require('child_process');

function runShell(cmd) {
  // ruleid: js-command-injection
  return cp.execSync('sh -c "' + cmd + '"');
}

module.exports = { runShell };
