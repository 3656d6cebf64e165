// Change Account as a dialog: the /accounts page's content loaded into a native <dialog> (which traps focus while
// open and gives it back to the opener when closed). Without script the link simply opens the page.
(function () {
  'use strict';

  function load(dialog, url) {
    return htmx.ajax('GET', url, { target: dialog.querySelector('.dialog-body'), select: 'main > *', swap: 'innerHTML' });
  }

  document.addEventListener('click', function (event) {
    var opener = event.target.closest('a[data-dialog]');
    if (opener) {
      var dialog = document.getElementById(opener.dataset.dialog);
      if (!dialog || typeof htmx === 'undefined') {
        return;
      }
      event.preventDefault();
      load(dialog, opener.getAttribute('href')).then(function () {
        dialog.showModal();
        var field = dialog.querySelector('input[type=search]');
        if (field) {
          field.focus();
        }
      });
      return;
    }
    // Paging inside the dialog stays inside it.
    var link = event.target.closest('dialog .dialog-body a[href^="/accounts"]');
    if (link) {
      event.preventDefault();
      load(link.closest('dialog'), link.getAttribute('href'));
    }
  });

  // Searching inside the dialog stays inside it; switching (a POST) reloads the page as it should.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var dialog = form.closest('dialog');
    if (!dialog || form.method.toLowerCase() !== 'get' || form.getAttribute('method') === 'dialog') {
      return;
    }
    event.preventDefault();
    var query = new URLSearchParams(new FormData(form)).toString();
    load(dialog, form.getAttribute('action') + '?' + query).then(function () {
      var field = dialog.querySelector('input[type=search]');
      if (field) {
        field.focus();
      }
    });
  });
})();
