// The embeddable map's builder (/carte/integrer/): without JavaScript, "Mettre à jour le code" reloads
// the page with the new code and preview; with it, both follow each change, and "Copier" copies the code.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";

  const form = document.getElementById("embed-form");
  const code = document.getElementById("embed-code");
  const preview = document.getElementById("embed-preview");
  const copy = document.getElementById("embed-copy");
  const status = document.getElementById("embed-copy-status");
  if (!form || !code || !preview) return;
  const SIZE = ["width", "height"];

  function attribute(text) {
    return String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function update() {
    const before = code.value;
    const params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (value !== "" && SIZE.indexOf(key) === -1) params.append(key, value);
    });
    const query = params.toString();
    const width = form.elements.width.value;
    const height = form.elements.height.value;
    const src = code.dataset.base + (query ? "?" + query : "");
    code.value = '<iframe src="' + attribute(src) + '" title="' + attribute(code.dataset.title) +
      '" width="' + attribute(width) + '" height="' + attribute(height) + '" loading="lazy"></iframe>';
    const path = new URL(preview.src, location.href).pathname + (query ? "?" + query : "");
    if (preview.getAttribute("src") !== path) preview.setAttribute("src", path);
    preview.setAttribute("width", width);
    preview.setAttribute("height", height);
    history.replaceState(null, "", location.pathname + "?" + (query ? query + "&" : "") +
      new URLSearchParams({ width: width, height: height }).toString());
    if (code.value !== before) status.textContent = "";  // a late debounce must not erase "Code copié."
  }

  let timer = null;
  form.addEventListener("change", update);
  form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(update, 400); });

  if (copy) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      const done = function () { status.textContent = "Code copié."; };
      const selected = function () {
        code.select();
        status.textContent = "Code sélectionné : copiez-le avec Ctrl+C (ou Cmd+C).";
      };
      if (navigator.clipboard && window.isSecureContext) {
        // Some browsers leave the promise pending when they neither grant nor refuse: select after 2 s.
        let settled = false;
        const once = function (then) {
          return function () { if (!settled) { settled = true; clearTimeout(fallback); then(); } };
        };
        const fallback = setTimeout(once(selected), 2000);
        navigator.clipboard.writeText(code.value).then(once(done), once(selected));
      } else if (document.execCommand) {
        code.select();
        (document.execCommand("copy") ? done : selected)();
      } else {
        selected();
      }
    });
  }
});
