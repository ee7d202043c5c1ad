// « Ma position » buttons (the map's list, orientation's commune step), written once: the browser's
// position, rounded to about a kilometre (enough to rank places, and the URL can be shared), goes into
// the form as hidden lat/lon fields and the form is sent.
// Markup: a block [data-geolocate] (hidden) inside the form, holding [data-geolocate-button] and a
// [data-geolocate-status] live region; data-geolocate-found / data-geolocate-failed are the messages,
// data-geolocate-focus the field to come back to on failure.
// Progressive enhancement: the block stays hidden without JavaScript or without geolocation.
(function () {
  "use strict";
  if (!("geolocation" in navigator)) return;

  function field(form, name, value) {
    var input = form.querySelector('input[type="hidden"][name="' + name + '"]');
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      form.appendChild(input);
    }
    input.value = value;
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-geolocate]"), function (block) {
    var form = block.closest("form");
    var button = block.querySelector("[data-geolocate-button]");
    var status = block.querySelector("[data-geolocate-status]");
    if (!form || !button || !status) return;
    block.hidden = false;
    button.addEventListener("click", function () {
      button.disabled = true;
      status.textContent = "Recherche de votre position…";
      navigator.geolocation.getCurrentPosition(
        function (position) {
          field(form, "lat", position.coords.latitude.toFixed(2));
          field(form, "lon", position.coords.longitude.toFixed(2));
          button.disabled = false;
          status.textContent = block.dataset.geolocateFound || "Position trouvée.";
          if (form.requestSubmit) form.requestSubmit(); else form.submit();
        },
        function () {
          button.disabled = false;
          status.textContent = block.dataset.geolocateFailed || "Position indisponible (refusée ou introuvable).";
          var back = block.dataset.geolocateFocus && form.querySelector(block.dataset.geolocateFocus);
          if (back) back.focus();
        },
        { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 }
      );
    });
  });
})();
