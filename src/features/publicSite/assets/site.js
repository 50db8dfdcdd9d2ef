// The public site works without this script; it only makes leaving quicker and safer.
// - The quick exit (a plain link without JavaScript) empties the page and replaces it in the history,
//   as do Esc and Shift pressed three times in a row, so Back does not return to it.
// - Links within the site replace the page too, so the site takes one place in the history, not many.
// - A form's error summary, or the message that a form was sent, gets the focus.
(function () {
  'use strict';
  var exit = document.querySelector('.quick-exit');
  if (!exit) return;
  function leave() {
    document.title = '';
    document.body.innerHTML = '';
    window.location.replace(exit.href);
  }
  exit.addEventListener('click', function (event) {
    event.preventDefault();
    leave();
  });
  var shifts = 0;
  var firstShift = 0;
  window.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') return leave();
    if (event.key !== 'Shift') {
      shifts = 0;
      return;
    }
    if (event.repeat) return;
    var now = Date.now();
    // Three presses close together, not three over a long reading of the page.
    if (shifts === 0 || now - firstShift > 2000) {
      shifts = 0;
      firstShift = now;
    }
    shifts += 1;
    if (shifts >= 3) leave();
  });
  document.addEventListener('click', function (event) {
    var link = event.target instanceof Element ? event.target.closest('a[href^="/help"]') : null;
    if (!link || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    window.location.replace(link.href);
  });
  var focus = document.querySelector('.error-summary, [data-focus]');
  if (focus) focus.focus();
})();
