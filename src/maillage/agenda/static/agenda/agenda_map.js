// The map of events (/agenda/carte/): Leaflet over the page's list, points from the JSON endpoint with the
// same filters. Tiles only when the instance sets MAILLAGE_MAP_TILES_URL (no third-party request otherwise).
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  const configElement = document.getElementById("agenda-map-config");
  const element = document.getElementById("agenda-map");
  if (!configElement || !element || !window.L) return;
  const config = JSON.parse(configElement.textContent);
  const map = window.L.map(element, { scrollWheelZoom: false }).setView(config.center, 9);
  if (config.tilesUrl) {
    window.L.tileLayer(config.tilesUrl, { attribution: config.tilesAttribution, maxZoom: 18 }).addTo(map);
  }
  // Commune outlines from our own data (the census map's layer): the map needs no tile server.
  if (config.outlinesUrl) {
    map.createPane("outlines").style.zIndex = "350";  // under the events (overlay pane: 400)
    fetch(config.outlinesUrl)
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (collection) {
        const tiles = Boolean(config.tilesUrl);
        window.L.geoJSON(collection, {
          pane: "outlines",
          interactive: false,
          style: function (feature) {
            return feature.properties.k
              ? { color: "#073f37", weight: 2.5, fill: false }
              : { color: "#7d8a99", weight: 0.8, fillColor: "#e3ece8", fillOpacity: tiles ? 0.15 : 0.75 };
          },
        }).addTo(map);
        element.dataset.outlines = String(collection.features.length);
        map.attributionControl.addAttribution(config.outlinesAttribution);
      })
      .catch(function () { /* the events stay on the map */ });
  }
  function text(tag, className, value) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    node.textContent = value;
    return node;
  }
  fetch(config.dataUrl, { headers: { Accept: "application/json" } })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      const layer = window.L.geoJSON(data, {
        pointToLayer: function (feature, latlng) {
          return window.L.circleMarker(latlng, { radius: 9, color: "#1f4e8c", weight: 2, fillOpacity: 0.8 });
        },
        onEachFeature: function (feature, marker) {
          const p = feature.properties;
          const box = document.createElement("div");
          const link = document.createElement("a");
          link.href = p.url;
          link.className = "agenda-popup__title";
          link.textContent = p.title;
          box.appendChild(link);
          box.appendChild(text("span", "", p.when));
          if (p.where) box.appendChild(text("span", "", " · " + p.where));
          marker.bindPopup(box);
          marker.bindTooltip(text("span", "", p.title));  // an element: a string would be parsed as HTML
        },
      }).addTo(map);
      element.dataset.points = String(data.features.length);
      if (data.features.length) map.fitBounds(layer.getBounds(), { maxZoom: 11, padding: [30, 30] });
    })
    .catch(function () {
      element.dataset.points = "error";
    });
});
