// A place's page: a small map of the place (Leaflet, commune outlines from our own data, tiles only
// when the site names a tile server), and the share button of the phone (the link still mails the
// page's address where the browser cannot share). The page works without this script.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";

  const share = document.querySelector("[data-share]");
  if (share && navigator.share) {
    share.addEventListener("click", function (event) {
      event.preventDefault();
      navigator.share({ title: share.dataset.title, url: share.dataset.url }).catch(function () {});
    });
  }

  const configElement = document.getElementById("place-map-config");
  const container = document.getElementById("place-map");
  if (!configElement || !container || !window.L) return;
  const config = JSON.parse(configElement.textContent);
  const here = [config.lat, config.lon];
  const map = L.map(container, { zoomControl: false, scrollWheelZoom: false, minZoom: 8, maxZoom: 18 });
  // Without a tile server the map shows commune outlines: the commune and its neighbours are what
  // situates the place. With tiles, the streets around a precisely placed one.
  map.setView(here, config.tilesUrl && !config.approximate ? 16 : 12);
  L.control.zoom({ zoomInTitle: "Zoom avant", zoomOutTitle: "Zoom arrière" }).addTo(map);
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  map.attributionControl.addAttribution(config.outlinesAttribution);
  if (config.tilesUrl) {
    L.tileLayer(config.tilesUrl, { attribution: config.tilesAttribution, maxZoom: 19 }).addTo(map);
  }
  const icon = L.divIcon({ className: "map-marker place-map__marker", iconSize: [22, 22], html: "" });
  L.marker(here, { icon: icon, keyboard: false, interactive: false }).addTo(map);
  fetch(config.outlinesUrl)
    .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
    .then(function (collection) {
      const tiles = Boolean(config.tilesUrl);
      const view = map.getBounds().pad(0.2);
      const layer = L.geoJSON(collection, {
        interactive: false,
        style: function (feature) {
          if (feature.properties.k) return { color: "#073f37", weight: 2.5, fill: false };
          const own = feature.id === config.commune;
          return {
            color: own ? "#073f37" : "#7d8a99",
            weight: own ? 2 : 0.8,
            fillColor: own ? "#cfe3dc" : "#eef1f4",
            fillOpacity: tiles ? 0.15 : 0.85,
          };
        },
        onEachFeature: function (feature, outline) {
          if (feature.properties.k) return;
          const centre = outline.getBounds().getCenter();
          if (!view.contains(centre)) return;
          const label = document.createElement("span");
          label.textContent = feature.properties.n;  // as text: Leaflet would read a string as HTML
          const own = feature.id === config.commune;
          L.tooltip({
            permanent: true,
            interactive: false,
            direction: own ? "top" : "center",
            offset: own ? [0, -14] : [0, 0],
            className: own ? "map-label place-map__commune" : "map-label",
          })
            .setLatLng(own ? here : centre)
            .setContent(label)
            .addTo(map);
        },
      });
      layer.addTo(map);
      layer.bringToBack();
      container.dataset.outlines = String(collection.features.length);
    })
    .catch(function () { /* the marker is still shown */ });
});
