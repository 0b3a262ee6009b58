// The premises page's map layers, read by hub-map.js (loaded after this file; the page's
// Content-Security-Policy allows no inline script). Okabe-Ito colours, and every layer also
// has its own shape: numbered diamonds, circles, squares, small grey dots.
(function () {
  "use strict";
  var element = document.getElementById("map");
  var chosen = (element && element.dataset.premisesLabel) || "Premises analysed";

  function square(latlng, size, className) {
    return L.marker(latlng, {
      icon: L.divIcon({ className: className, iconSize: [size, size] }),
      keyboard: false
    });
  }

  function near(p) {
    return p.premises_near > 1
      ? "shared by " + p.premises_near + " of the premises analysed"
      : "near one of the premises analysed";
  }

  window.BEATBOOK_MAP_LAYERS = {
    ward: {
      label: "Wards",
      style: function () { return { color: "#0b0c0c", weight: 1, fillColor: "#1d70b8", fillOpacity: 0.06 }; },
      tooltip: function (p) { return p.name + " (double-click: its premises)"; },
      label_text: function (p) { return p.name; },
      swatch: "#dfe8f1"
    },
    other: {
      label: "Other premises of the register (grey dots)",
      hidden: true,
      point: function (p, latlng) {
        return L.circleMarker(latlng, { radius: 2.5, color: "#505a5f", weight: 1, fillColor: "#ffffff", fillOpacity: 0.6 });
      },
      tooltip: function (p) { return p.name + " (" + p.type + ")"; },
      swatch: "#bfc1c3"
    },
    point: {
      label: "police.uk map points the crimes were placed at (blue squares)",
      point: function (p, latlng, max) {
        var size = Math.round(8 + 14 * Math.sqrt((p.count || 0) / max));
        return square(latlng, size, "pm-point");
      },
      tooltip: function (p) {
        return p.name + ": " + p.count + " crimes, counted at " + p.counted_at + "; " + near(p) +
          ", " + p.any_near + " premises of any type within the radius";
      },
      swatch: "#56b4e9"
    },
    premises: {
      label: chosen + " (orange circles)",
      point: function (p, latlng) {
        return L.circleMarker(latlng, { radius: p.count ? 6 : 4, color: "#0b0c0c", weight: 1, fillColor: "#e69f00", fillOpacity: p.count ? 0.95 : 0.5 });
      },
      tooltip: function (p) { return p.name + " (" + p.type + "): " + p.count + " crimes counted"; },
      swatch: "#e69f00"
    },
    top: {
      label: "The busiest premises (numbered diamonds)",
      point: function (p, latlng) {
        return L.marker(latlng, {
          icon: L.divIcon({ className: "pm-top", html: "<span>" + p.rank + "</span>", iconSize: [22, 22] }),
          keyboard: false,
          zIndexOffset: 1000 - p.rank
        });
      },
      tooltip: function (p) { return p.rank + ". " + p.name + " (" + p.type + "): " + p.count + " crimes counted"; },
      swatch: "#d55e00"
    }
  };
})();
