// Helper module for js-xss.js: the HTML is built in another file.
function renderGreeting(who) {
  return '<p>Hello, ' + who + '</p>';
}

module.exports = { renderGreeting };
