// Drawing an area on a Leaflet map: click to add the corners of a polygon, or click to set the
// centre of a radius. Hand-written because no maintained Leaflet drawing plugin is packaged for
// pip. The form's text fields stay the way to give an area without a mouse: the map writes into
// them, and redraws when they are typed in.
(function () {
  "use strict";
  var element = document.getElementById("area-map");
  if (!element || typeof L === "undefined") { return; }
  var data = JSON.parse(document.getElementById(element.dataset.features).textContent);
  function field(key) { return element.dataset[key] ? document.getElementById(element.dataset[key]) : null; }
  var polygonField = field("polygonField"), latField = field("latField");
  var lngField = field("lngField"), radiusField = field("radiusField");
  var status = document.getElementById("area-map-status");
  var DRAWN = { color: "#d55e00", weight: 3, dashArray: "6 4", fillColor: "#d55e00", fillOpacity: 0.15 };
  var REFERENCE = { color: "#0072b2", weight: 3, fillColor: "#0072b2", fillOpacity: 0.2 };
  var WARD = { color: "#0b0c0c", weight: 1, fillColor: "#1d70b8", fillOpacity: 0.04 };

  var map = L.map(element, { scrollWheelZoom: false, zoomSnap: 0.25, doubleClickZoom: false, keyboard: false });
  var background = L.geoJSON(data, {
    interactive: false,
    style: function (f) { return f.properties.layer === "response" ? REFERENCE : WARD; },
    pointToLayer: function (f, latlng) { return L.circle(latlng, L.extend({ radius: f.properties.radius, interactive: false }, REFERENCE)); },
    onEachFeature: function (f, layer) {
      if (f.properties.layer === "ward") {
        layer.bindTooltip(f.properties.name, { permanent: true, direction: "center", className: "map-label map-label-ward" });
      }
    }
  }).addTo(map);
  if (background.getLayers().length) { map.fitBounds(background.getBounds()); } else { map.setView([51.515, -0.09], 14); }

  var mode = "", corners = [], drawn = null, circle = null;
  function say(text) { if (status) { status.textContent = text; } }
  function round(x) { return Math.round(x * 1e6) / 1e6; }

  function redrawPolygon() {
    if (drawn) { map.removeLayer(drawn); drawn = null; }
    if (corners.length === 1) { drawn = L.circleMarker(corners[0], L.extend({ radius: 5 }, DRAWN)); }
    if (corners.length === 2) { drawn = L.polyline(corners, DRAWN); }
    if (corners.length >= 3) { drawn = L.polygon(corners, DRAWN); }
    if (drawn) { drawn.addTo(map); }
  }
  function writePolygon() {
    if (!polygonField) { return; }
    if (corners.length < 3) { polygonField.value = ""; return; }
    var ring = corners.map(function (c) { return [round(c.lng), round(c.lat)]; });
    ring.push(ring[0]);
    polygonField.value = JSON.stringify({ type: "Polygon", coordinates: [ring] });
  }
  function readPolygon() {
    corners = [];
    try {
      var g = JSON.parse(polygonField.value);
      if (g && g.type === "Feature") { g = g.geometry; }
      if (g && g.type === "Polygon") {
        corners = g.coordinates[0].slice(0, -1).map(function (p) { return L.latLng(p[1], p[0]); });
      }
    } catch (e) { corners = []; }
    redrawPolygon();
  }
  function redrawCircle() {
    if (circle) { map.removeLayer(circle); circle = null; }
    var lat = parseFloat(latField.value), lng = parseFloat(lngField.value), r = parseFloat(radiusField.value);
    if (isFinite(lat) && isFinite(lng) && isFinite(r) && r > 0) {
      circle = L.circle([lat, lng], L.extend({ radius: r }, DRAWN)).addTo(map);
    }
  }

  map.on("click", function (e) {
    if (mode === "polygon") {
      corners.push(e.latlng);
      redrawPolygon();
      writePolygon();
      say(corners.length < 3 ? corners.length + " corner(s): click at least " + (3 - corners.length) + " more."
        : corners.length + " corners: the polygon is in the GeoJSON field. Click to add more, or Finish.");
    } else if (mode === "radius") {
      latField.value = round(e.latlng.lat);
      lngField.value = round(e.latlng.lng);
      if (!radiusField.value) { radiusField.value = element.dataset.defaultRadius || "100"; }
      redrawCircle();
      say("Centre set at " + latField.value + ", " + lngField.value + "; radius " + radiusField.value + " m (change it in its field).");
    }
  });

  function setMode(next) {
    mode = next;
    element.classList.toggle("drawing", mode !== "");
    document.querySelectorAll("[data-area-mode]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.dataset.areaMode === mode && mode !== ""));
    });
  }
  document.querySelectorAll("[data-area-action]").forEach(function (button) {
    button.addEventListener("click", function () {
      var action = button.dataset.areaAction;
      if (action === "polygon") { corners = []; redrawPolygon(); writePolygon(); setMode("polygon"); say("Click on the map to add the polygon's corners."); }
      if (action === "radius") { setMode("radius"); say("Click on the map to set the centre of the radius."); }
      if (action === "undo") { corners.pop(); redrawPolygon(); writePolygon(); say(corners.length + " corner(s)."); }
      if (action === "finish") { setMode(""); say(corners.length >= 3 || circle ? "Area set: save the form to keep it." : "Nothing drawn."); }
      if (action === "clear") {
        corners = []; redrawPolygon(); writePolygon();
        if (latField) { latField.value = ""; lngField.value = ""; radiusField.value = ""; redrawCircle(); }
        setMode(""); say("Drawing cleared.");
      }
    });
  });
  if (polygonField) { polygonField.addEventListener("change", readPolygon); readPolygon(); }
  if (latField) {
    [latField, lngField, radiusField].forEach(function (f) { f.addEventListener("input", redrawCircle); });
    redrawCircle();
  }
})();
