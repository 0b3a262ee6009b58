// The Hub's maps, drawn with Leaflet from our own static files. The page gives one GeoJSON
// FeatureCollection; each feature's "layer" property says which layer it belongs to. Every
// layer gets a toggle and a legend entry. Without a tile server, ward names and street names
// are drawn as labels so that the map still orients a reader.
(function () {
  "use strict";
  var element = document.getElementById("map");
  if (!element || typeof L === "undefined") { return; }
  var data = JSON.parse(document.getElementById(element.dataset.features).textContent);
  // zoomSnap: a quarter level, so that an area fills the map instead of a whole level too far out.
  var map = L.map(element, { scrollWheelZoom: false, attributionControl: true, keyboard: false, zoomSnap: 0.25 });
  var tiled = Boolean(element.dataset.tiles);
  if (tiled) {
    L.tileLayer(element.dataset.tiles, { attribution: element.dataset.tilesAttribution || "" }).addTo(map);
  }

  // Colours survive the common colour blindnesses (Okabe & Ito); classes also differ in outline.
  var LAYERS = window.BEATBOOK_MAP_LAYERS || {};
  LAYERS.ward = LAYERS.ward || {
    label: "Wards (shaded by crimes)",
    style: function (p, max) { return { color: "#0b0c0c", weight: 1, fillColor: "#1d70b8", fillOpacity: 0.08 + 0.5 * (p.count || 0) / max }; },
    tooltip: function (p) { return p.name + ": " + (p.count || 0) + " crimes"; },
    label_text: function (p) { return p.name; },
    swatch: "#8fb4d9"
  };
  LAYERS.place = LAYERS.place || {
    label: "Top places (map points)",
    point: function (p, latlng, max) {
      return L.circleMarker(latlng, { radius: 4 + 10 * Math.sqrt((p.count || 0) / max), color: "#0b0c0c", weight: 1, fillColor: "#e69f00", fillOpacity: 0.9 });
    },
    tooltip: function (p) { return p.name + ": " + p.count + " crimes"; },
    label_text: function (p) { return p.rank <= 5 ? p.name.replace(/^On or near /, "") : ""; },
    swatch: "#e69f00"
  };

  // Many wards (a force or sector): label the wards only, or the labels hide each other.
  var wardCount = data.features.filter(function (f) { return f.properties.layer === "ward"; }).length;
  var crowded = wardCount > 6;
  var groups = {}, order = [];
  var byId = {};  // shapes of features with an "id", for the page's "show on map" buttons
  var maxima = {};
  data.features.forEach(function (f) {
    var key = f.properties.layer || "ward";
    maxima[key] = Math.max(maxima[key] || 1, f.properties.count || 0);
  });
  data.features.forEach(function (f) {
    var key = f.properties.layer || "ward";
    var spec = LAYERS[key];
    if (!spec) { return; }
    if (!groups[key]) { groups[key] = L.featureGroup(); order.push(key); }
    var max = maxima[key];
    var shape = L.geoJSON(f, {
      style: spec.style ? function () { return spec.style(f.properties, max); } : undefined,
      pointToLayer: spec.point ? function (_, latlng) { return spec.point(f.properties, latlng, max); } : undefined
    });
    shape.eachLayer(function (s) {
      // A layer's popup builds its own (escaped) HTML; otherwise the tooltip text is shown.
      if (spec.popup) { s.bindPopup(spec.popup(f.properties)); } else if (spec.tooltip) { s.bindPopup(spec.tooltip(f.properties)); }
      var label = !tiled && spec.label_text && (!crowded || key === "ward") ? spec.label_text(f.properties) : "";
      if (label) {
        s.bindTooltip(label, { permanent: true, direction: "center", className: "map-label map-label-" + key });
      }
      if (f.properties.url) { s.on("dblclick", function () { window.location.href = f.properties.url; }); }
      if (f.properties.id !== undefined) { byId[f.properties.id] = s; }
    });
    shape.addTo(groups[key]);
  });

  var overlays = {};
  order.forEach(function (key) {
    var spec = LAYERS[key];
    var name = '<span class="swatch" style="background:' + spec.swatch + '"></span>' + spec.label;
    overlays[name] = groups[key];
    if (spec.hidden !== true) { groups[key].addTo(map); }
  });
  // On a phone the open list of layers would cover the map: it opens from its button instead.
  // At the bottom: popups open upwards from what was clicked, and would slide under it at the top.
  var control = null;
  function layersControl() {
    control = control || L.control.layers(null, {}, { collapsed: window.innerWidth < 640, position: "bottomleft" }).addTo(map);
    return control;
  }
  if (order.length > 1) {
    Object.keys(overlays).forEach(function (name) { layersControl().addOverlay(overlays[name], name); });
  }
  var bounds = groups.ward ? groups.ward.getBounds() : (order.length ? groups[order[0]].getBounds() : null);
  if (bounds && bounds.isValid()) { map.fitBounds(bounds, { padding: [8, 8] }); }
  // A button with data-map-show="<id>" (in a table beside the map) opens that feature's popup.
  document.querySelectorAll("[data-map-show]").forEach(function (button) {
    button.addEventListener("click", function () {
      var shape = byId[button.dataset.mapShow];
      if (!shape) { return; }
      element.scrollIntoView({ block: "center" });
      shape.openPopup();
    });
  });
  // Counts by ward that only some roles may read (repeat victims and callers, intelligence) come from
  // their own endpoint, which refuses everyone else; the page names it only for those roles, with its
  // months. Each kind is a layer, off until chosen, shaded by fixed classes (hub/sensitive.py) that a
  // legend on the map explains while the layer is on; the same numbers are in the table under the map.
  var SENSITIVE = [
    { key: "intel", shown: "intel", label: "Intelligence received", fill: "#cc79a7", dash: "4 3",
      text: function (r) { return (r.intel || 0) + " intelligence items"; }, value: function (r) { return r.intel || 0; } },
    { key: "repeats", shown: "repeats", label: "Repeat victims and callers", fill: "#009e73", dash: null,
      text: function (r) { return (r.victims || 0) + " repeat victims, " + (r.callers || 0) + " repeat callers"; },
      value: function (r) { return (r.victims || 0) + (r.callers || 0); } }
  ];
  function escapeText(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }
  function classOf(classes, value) {
    for (var i = classes.length - 1; i >= 0; i--) {
      if (value >= classes[i].low) { return classes[i]; }
    }
    return classes[0];
  }
  function legendControl(kind, counts, wards, rows) {
    var legend = L.control({ position: "bottomright" });
    legend.onAdd = function () {
      var box = L.DomUtil.create("div", "map-counts-legend");
      var lines = counts.classes.map(function (c) {
        var n = wards.filter(function (f) { return classOf(counts.classes, kind.value(rows[f.properties.name])) === c; }).length;
        return '<span class="shade" style="background:' + kind.fill + ';opacity:' + Math.max(c.opacity, 0.05) + '"></span>' +
          escapeText(c.label + ": " + n + " ward" + (n === 1 ? "" : "s"));
      });
      box.innerHTML = "<strong>" + escapeText(kind.label + ", " + counts.period) + "</strong>" + lines.join("<br>");
      return box;
    };
    return legend;
  }
  function addSensitive(counts) {
    var rows = {};
    counts.wards.forEach(function (r) { rows[r.ward] = r; });
    var wards = data.features.filter(function (f) { return (f.properties.layer || "ward") === "ward" && rows[f.properties.name]; });
    SENSITIVE.forEach(function (kind) {
      if (!counts[kind.shown] || !wards.length) { return; }
      var group = L.featureGroup();
      wards.forEach(function (f) {
        var row = rows[f.properties.name];
        var shade = classOf(counts.classes, kind.value(row));
        L.geoJSON(f, { style: function () {
          return { color: "#0b0c0c", weight: 2, dashArray: kind.dash, fillColor: kind.fill, fillOpacity: shade.opacity };
        } }).eachLayer(function (s) { s.bindPopup(escapeText(f.properties.name + ": " + kind.text(row) + " (" + shade.label + ")")); s.addTo(group); });
      });
      var legend = legendControl(kind, counts, wards, rows);
      map.on("overlayadd", function (e) { if (e.layer === group) { legend.addTo(map); } });
      map.on("overlayremove", function (e) { if (e.layer === group) { legend.remove(); } });
      var name = '<span class="swatch" style="background:' + kind.fill + '"></span>' + escapeText(kind.label + " (" + counts.period + ")");
      layersControl().addOverlay(group, name);
    });
    element.dataset.sensitiveReady = "1";
  }
  if (element.dataset.sensitiveCounts) {
    fetch(element.dataset.sensitiveCounts, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (counts) { if (counts) { addSensitive(counts); } });
  }
  element.dataset.ready = "1";
})();
