// Keyboard shortcuts for forms marked data-shortcuts: a key press clicks the element whose data-key
// matches, unless the person is typing in a field. Progressive enhancement: every action is a button.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) && target.type !== "radio")) return;
    var form = document.querySelector("[data-shortcuts]");
    if (!form) return;
    var element = document.querySelector('[data-key="' + event.key.toLowerCase() + '"]');
    if (element) {
      event.preventDefault();
      element.click();
    }
  });
})();
