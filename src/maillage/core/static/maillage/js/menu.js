// The compact menu of the header on narrow screens: a disclosure button (aria-expanded, aria-controls)
// that shows and hides the main navigation. Progressive enhancement: without JavaScript the button
// stays hidden and the navigation is one scrolling line of links (maillage.css).
(function () {
  "use strict";
  var button = document.querySelector("[data-menu-button]");
  var nav = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!button || !nav) return;

  function expanded() { return button.getAttribute("aria-expanded") === "true"; }
  function set(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    nav.classList.toggle("is-open", open);
  }

  document.documentElement.classList.add("has-menu");
  button.hidden = false;
  set(false);
  button.addEventListener("click", function () { set(!expanded()); });
  // Escape closes the menu and gives the focus back to its button (WAI-ARIA disclosure pattern).
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && expanded()) {
      set(false);
      button.focus();
    }
  });
})();
