// The map of places (/carte/), on top of a page that works without it: the server renders the search
// form and the list; this script adds the Leaflet map (commune outlines from our own data, clustered
// markers), keeps the list in step with the visible area (`bbox`) through HTMX, and keeps the whole
// state in the URL (filters in the query, the view in the hash: #zoom/lat/lon) so that it can be shared.
// Runs once the document is parsed, after HTMX has set the form up (its listener was added first).
document.addEventListener("DOMContentLoaded", function () {
  "use strict";

  const configElement = document.getElementById("map-config");
  const form = document.getElementById("map-form");
  if (!configElement || !form) return;
  const config = JSON.parse(configElement.textContent);
  const page = document.getElementById("map-page");
  const results = document.getElementById("map-results");
  const status = document.getElementById("map-status");
  const bboxInput = document.getElementById("id_bbox");
  const HASH = /^#(\d{1,2}(?:\.\d+)?)\/(-?\d{1,2}(?:\.\d+)?)\/(-?\d{1,3}(?:\.\d+)?)$/;
  const LABEL_ZOOM = { 1: 0, 2: 10, 3: 12 };

  function formParams(withBbox) {
    const params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (value === "" || (key === "bbox" && !withBbox)) return;
      params.append(key, value);
    });
    return params;
  }

  function announce() {
    const title = results.querySelector("[data-count]");
    if (status && title) status.textContent = title.textContent.trim().replace(/\s+/g, " ");
  }

  function refreshList() {
    if (window.htmx) window.htmx.trigger(form, "submit");
  }

  // --- The phone's switch between the list and the map ------------------------------------------
  const switcher = page.querySelector(".map-switch");
  let map = null;

  function showView(view) {
    page.dataset.view = view;
    switcher.querySelectorAll("button[data-view]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.view === view));
    });
    if (view === "map" && map) map.invalidateSize();
  }

  // Skip links move the focus without touching the URL's hash, which holds the map's view.
  page.querySelectorAll(".map-skips a").forEach(function (link) {
    link.addEventListener("click", function (event) {
      const target = document.getElementById(link.hash.slice(1));
      if (!target) return;
      event.preventDefault();
      if (switcher && (target === results || target.id === "map")) showView(target === results ? "list" : "map");
      target.focus();
    });
  });

  if (switcher) {
    switcher.hidden = false;
    switcher.addEventListener("click", function (event) {
      const button = event.target.closest("button[data-view]");
      if (button) showView(button.dataset.view);
    });
  }

  function viewHash() {
    if (!map) return HASH.test(location.hash) ? location.hash : "";
    const centre = map.getCenter();
    return "#" + map.getZoom() + "/" + centre.lat.toFixed(5) + "/" + centre.lng.toFixed(5);
  }

  function updateUrl() {
    const query = formParams(true).toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + viewHash());
  }

  // "Ouvert le <jour> à <heure>" waits for both before searching (no error while one is being chosen).
  form.addEventListener("htmx:confirm", function (event) {
    const trigger = event.detail.triggeringEvent;
    const name = trigger && trigger.type === "change" && trigger.target && trigger.target.name;
    if ((name === "jour" || name === "heure") && !form.elements.jour.value !== !form.elements.heure.value) {
      event.preventDefault();
    }
  });

  let loadPoints = function () {};
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target !== results) return;
    announce();
    updateUrl();
    loadPoints();
  });

  if (!window.L) return;

  // --- The map -----------------------------------------------------------------------------------
  const bounds = L.latLngBounds(config.bounds);
  map = L.map("map", {
    zoomControl: false,
    minZoom: 7,
    maxZoom: 18,
    maxBounds: bounds.pad(0.6),
    zoomSnap: 0.5,
  });
  // Commune names sit above the outlines and under the markers (Leaflet's tooltips pane is on top).
  map.createPane("map-labels").style.zIndex = "450";
  map.getPane("map-labels").style.pointerEvents = "none";
  L.control.zoom({ zoomInTitle: "Zoom avant", zoomOutTitle: "Zoom arrière" }).addTo(map);
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  map.attributionControl.addAttribution(config.outlinesAttribution);
  if (config.tilesUrl) {
    L.tileLayer(config.tilesUrl, { attribution: config.tilesAttribution, maxZoom: 19 }).addTo(map);
  }

  const markerIcon = L.divIcon({ className: "map-marker", iconSize: [18, 18], html: "" });
  const markers = L.markerClusterGroup({
    showCoverageOnHover: false,
    maxClusterRadius: 50,
    spiderfyOnMaxZoom: true,
    iconCreateFunction: function (cluster) {
      const count = cluster.getChildCount();
      const size = count < 10 ? 34 : count < 50 ? 40 : 48;
      return L.divIcon({
        className: "map-cluster",
        iconSize: [size, size],
        html: "<span>" + count + '</span><span class="visually-hidden"> lieux ici : agrandir</span>',
      });
    },
  });
  markers.addTo(map);
  let markersById = {};

  function placeUrl(id) {
    return config.placeUrl.replace(config.placePlaceholder, id);
  }

  function popupContent(feature) {
    const box = document.createElement("div");
    const link = document.createElement("a");
    link.className = "map-popup__name";
    link.href = placeUrl(feature.id);
    link.textContent = feature.properties.n;
    if (config.linkTarget) {  // the embedded map (/embed/carte/) opens places outside its frame
      link.target = config.linkTarget;
      link.rel = "noopener";
    }
    const where = document.createElement("span");
    where.className = "map-popup__where";
    where.textContent = feature.properties.c;
    box.append(link, where);
    return box;
  }

  function showPoints(collection) {
    markers.clearLayers();
    markersById = {};
    const layers = collection.features.map(function (feature) {
      const [lon, lat] = feature.geometry.coordinates;
      const marker = L.marker([lat, lon], {
        icon: markerIcon,
        title: feature.properties.n + " (" + feature.properties.c + ")",
      });
      marker.bindPopup(function () { return popupContent(feature); });
      markersById[feature.id] = marker;
      return marker;
    });
    markers.addLayers(layers);
    map.getContainer().dataset.points = String(layers.length);
  }

  let pointsQuery = null;
  loadPoints = function () {
    const query = formParams(false).toString();
    if (query === pointsQuery) return;
    pointsQuery = query;
    fetch(config.pointsUrl + (query ? "?" + query : ""), { headers: { Accept: "application/geo+json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (collection) { if (query === pointsQuery) showPoints(collection); })
      .catch(function () { pointsQuery = null; });
  };

  // --- Commune outlines, drawn from our own data: the map needs no tile server ---------------------
  function textOf(text) {  // Leaflet reads a string as HTML: names go in as text
    const span = document.createElement("span");
    span.textContent = text;
    return span;
  }

  const labels = [];
  function showLabels() {
    const zoom = map.getZoom();
    labels.forEach(function (label) {
      const visible = zoom >= LABEL_ZOOM[label.level];
      if (visible && !map.hasLayer(label.tooltip)) label.tooltip.addTo(map);
      if (!visible && map.hasLayer(label.tooltip)) label.tooltip.remove();
    });
  }

  fetch(config.outlinesUrl)
    .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
    .then(function (collection) {
      const tiles = Boolean(config.tilesUrl);
      const layer = L.geoJSON(collection, {
        style: function (feature) {
          return feature.properties.k
            ? { color: "#073f37", weight: 2.5, fill: false, interactive: false }
            : { color: "#7d8a99", weight: 0.8, fillColor: "#e3ece8", fillOpacity: tiles ? 0.15 : 0.75 };
        },
        onEachFeature: function (feature, outline) {
          if (feature.properties.k) return;
          const level = feature.properties.l || 3;
          const tooltip = L.tooltip({
            pane: "map-labels",
            permanent: true,
            direction: "center",
            interactive: false,
            className: "map-label map-label--" + level,
          });
          tooltip.setLatLng(outline.getBounds().getCenter()).setContent(textOf(feature.properties.n));
          labels.push({ level: level, tooltip: tooltip });
        },
      });
      // The commune under the mouse, named in one shared tooltip: a tooltip bound to each outline
      // would make 320 outlines keyboard stops in Chromium.
      const hoverTip = L.tooltip({ direction: "top", offset: [0, -8], className: "map-commune-tip" });
      layer.on("mousemove", function (event) {
        if (!event.layer.feature || event.layer.feature.properties.k) return;
        hoverTip.setLatLng(event.latlng).setContent(textOf(event.layer.feature.properties.n));
        if (!map.hasLayer(hoverTip)) hoverTip.addTo(map);
      });
      layer.on("mouseout", function () { hoverTip.remove(); });
      layer.addTo(map);
      layer.bringToBack();
      map.getContainer().dataset.outlines = String(collection.features.length);
      showLabels();
    })
    .catch(function () { /* the map still shows the places */ });
  map.on("zoomend", showLabels);

  // --- The view, the URL and the list's area ------------------------------------------------------
  function visibleBbox() {
    const b = map.getBounds();
    const clamp = function (value, limit) { return Math.max(-limit, Math.min(limit, value)).toFixed(5); };
    return [clamp(b.getSouth(), 90), clamp(b.getWest(), 180), clamp(b.getNorth(), 90), clamp(b.getEast(), 180)].join(",");
  }

  const hash = HASH.exec(location.hash);
  const urlBbox = bboxInput.value.split(",").map(Number);
  if (hash) {
    map.setView([Number(hash[2]), Number(hash[3])], Number(hash[1]));
  } else if (urlBbox.length === 4 && urlBbox.every(isFinite)) {
    map.fitBounds([[urlBbox[0], urlBbox[1]], [urlBbox[2], urlBbox[3]]]);
  } else {
    map.fitBounds(bounds);
  }
  if (hash && bboxInput.value !== visibleBbox()) {
    bboxInput.value = visibleBbox();
    refreshList();
  }

  let wholeTerritory = false;
  let moveTimer = null;
  map.on("moveend", function () {
    clearTimeout(moveTimer);
    moveTimer = setTimeout(function () {
      const wanted = wholeTerritory ? "" : visibleBbox();
      wholeTerritory = false;
      if (bboxInput.value !== wanted) {
        bboxInput.value = wanted;
        refreshList();
      }
      updateUrl();
    }, 250);
  });

  // After a cluster opens, its element is gone: keep the keyboard focus on the map.
  markers.on("clusterclick", function () {
    map.once("moveend", function () {
      if (!document.activeElement || document.activeElement === document.body) map.getContainer().focus();
    });
  });
  map.on("popupopen", function (event) {
    const close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
    if (close) close.setAttribute("aria-label", "Fermer");
  });

  // --- The list, in step with the map -------------------------------------------------------------
  results.addEventListener("click", function (event) {
    const reset = event.target.closest("[data-map-reset]");
    if (!reset) return;
    event.preventDefault();
    wholeTerritory = true;
    map.fitBounds(bounds, { animate: false });
  });

  let highlighted = null;
  function highlight(item) {
    if (highlighted) highlighted.classList.remove("is-active");
    highlighted = null;
    const marker = item && markersById[item.dataset.place];
    const shown = marker && markers.getVisibleParent(marker);
    const element = shown && shown.getElement && shown.getElement();
    if (element) {
      element.classList.add("is-active");
      highlighted = element;
    }
  }
  ["mouseover", "focusin"].forEach(function (type) {
    results.addEventListener(type, function (event) { highlight(event.target.closest(".map-list__item")); });
  });
  ["mouseleave", "focusout"].forEach(function (type) {
    results.addEventListener(type, function () { highlight(null); });
  });

  loadPoints();
  updateUrl();
});
