// Orientation, step 2: "Utiliser ma position" fills rounded lat/lon fields and submits the form.
// Progressive enhancement: the button stays hidden without JavaScript or without geolocation, and
// any failure says so and brings the person back to the commune field.
(function () {
  "use strict";
  var form = document.querySelector("[data-orient-where]");
  var block = form && form.querySelector("[data-orient-geo]");
  if (!block || !("geolocation" in navigator)) return;
  var button = block.querySelector("[data-orient-geo-button]");
  var status = block.querySelector("[data-orient-geo-status]");
  var commune = form.querySelector("#orient-commune");
  block.hidden = false;

  function field(name, value) {
    var input = form.querySelector('input[type="hidden"][name="' + name + '"]');
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      form.appendChild(input);
    }
    input.value = value;
  }

  button.addEventListener("click", function () {
    button.disabled = true;
    status.textContent = "Recherche de votre position…";
    navigator.geolocation.getCurrentPosition(
      function (position) {
        // Rounded to about a kilometre: enough to rank places, and the URL can be shared.
        field("lat", position.coords.latitude.toFixed(2));
        field("lon", position.coords.longitude.toFixed(2));
        status.textContent = "Position trouvée, recherche des lieux…";
        if (form.requestSubmit) form.requestSubmit(); else form.submit();
      },
      function () {
        button.disabled = false;
        status.textContent = "Position indisponible (refusée ou introuvable) : indiquez une commune.";
        if (commune) commune.focus();
      },
      { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 }
    );
  });
})();
