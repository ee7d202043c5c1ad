// « Autour de ma position » on /carte/: the browser's position (rounded to about a
// kilometre) goes into the search form as lat/lon, and the list comes back nearest first.
// Progressive enhancement: hidden without JavaScript or without geolocation; a failure says so.
(function () {
  "use strict";
  var form = document.getElementById("map-form");
  var block = form && form.querySelector("[data-map-geo]");
  if (!block || !("geolocation" in navigator)) return;
  var button = block.querySelector("[data-map-geo-button]");
  var status = block.querySelector("[data-map-geo-status]");
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
        field("lat", position.coords.latitude.toFixed(2));
        field("lon", position.coords.longitude.toFixed(2));
        button.disabled = false;
        status.textContent = "Position trouvée : lieux classés du plus proche au plus éloigné.";
        if (form.requestSubmit) form.requestSubmit(); else form.submit();
      },
      function () {
        button.disabled = false;
        status.textContent = "Position indisponible (refusée ou introuvable) : choisissez une commune dans les filtres.";
      },
      { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 }
    );
  });
})();
