// Draws ward boundaries from the page's GeoJSON with Leaflet (served from our own static files).
// Base-map tiles are drawn only when the deployment configures a tile server.
(function () {
  "use strict";
  var element = document.getElementById("map");
  if (!element || typeof L === "undefined") { return; }
  var data = JSON.parse(document.getElementById(element.dataset.features).textContent);
  var map = L.map(element, { scrollWheelZoom: false, attributionControl: true });
  if (element.dataset.tiles) {
    L.tileLayer(element.dataset.tiles, { attribution: element.dataset.tilesAttribution || "" }).addTo(map);
  }
  var counts = data.features.map(function (f) { return f.properties.count; });
  var max = Math.max.apply(null, counts.concat([1]));
  var choropleth = element.dataset.choropleth === "1";

  function style(feature) {
    var share = choropleth ? feature.properties.count / max : 0.35;
    return { color: "#0b0c0c", weight: 1, fillColor: "#1d70b8", fillOpacity: 0.1 + 0.7 * share };
  }

  var layer = L.geoJSON(data, {
    style: style,
    onEachFeature: function (feature, shape) {
      var p = feature.properties;
      shape.bindTooltip(p.name + ": " + p.count + " crimes");
      if (choropleth) { shape.on("click", function () { window.location.href = p.url; }); }
    }
  }).addTo(map);
  map.fitBounds(layer.getBounds(), { padding: [8, 8] });
  element.dataset.ready = "1";
})();
