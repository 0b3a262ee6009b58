// The layers of the hotspot map, read by hub-map.js (loaded after this file). Colours are
// Okabe & Ito's, which survive the common colour blindnesses, and every class also differs in
// outline (solid, dashed, dotted) so that no reading depends on colour alone. Popups are built
// as DOM nodes from text, never as HTML strings: street names come from published data.
(function () {
  "use strict";

  var CLASS_STYLE = {
    "persistent hotspot": { fill: "#D55E00", dash: null },
    "emerging hotspot": { fill: "#E69F00", dash: "6 3" },
    "former hotspot": { fill: "#56B4E9", dash: "2 3" },
    "intermittent hotspot": { fill: "#F0E442", dash: "8 3 2 3" },
    "persistent coldspot": { fill: "#0072B2", dash: null },
    "emerging coldspot": { fill: "#0072B2", dash: "6 3" },
    "former coldspot": { fill: "#0072B2", dash: "2 3" },
    "intermittent coldspot": { fill: "#0072B2", dash: "8 3 2 3" },
    "mixed hot/coldspot": { fill: "#999999", dash: "1 2" }
  };
  var DENSITY = ["#dadaeb", "#bcbddc", "#9e9ac8", "#6a51a3"];

  function escapeText(text) {
    var span = document.createElement("span");
    span.textContent = String(text);
    return span.innerHTML;
  }

  function number(value, digits) {
    if (value === null || value === undefined) { return "–"; }
    return Number(value).toLocaleString("en-GB", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  }

  function pValue(p) {
    if (p === null || p === undefined) { return "–"; }
    return p < 0.0001 ? "< 0.0001" : Number(p).toFixed(4);
  }

  // A small definition list: [label, value] pairs under a heading.
  function popup(title, rows) {
    var box = document.createElement("div");
    box.className = "map-popup";
    var heading = document.createElement("strong");
    heading.textContent = title;
    box.appendChild(heading);
    var list = document.createElement("dl");
    rows.forEach(function (row) {
      if (row[1] === null || row[1] === undefined || row[1] === "") { return; }
      var dt = document.createElement("dt"), dd = document.createElement("dd");
      dt.textContent = row[0];
      dd.textContent = row[1];
      list.appendChild(dt);
      list.appendChild(dd);
    });
    box.appendChild(list);
    return box;
  }

  function cellPopup(p) {
    var title = p.map_points ? (p.rank ? "Hotspot place " + p.rank : "Grid cell") : "Grid cell without a map point";
    return popup(title, [
      ["Streets (crimes)", p.streets || "none: no crime is recorded in this cell"],
      ["Crimes", number(p.crimes, 0)],
      ["Gi* z-score", number(p.z, 2)],
      ["p", pValue(p.p)],
      ["p (FDR)", p.p_fdr === null ? null : pValue(p.p_fdr)],
      ["Whole period", p["class"]],
      ["Over time", p.over_time ? p.over_time + " (hot in " + p.hot_slices + " of " + p.slices + " slices)" : null],
      ["Map points", number(p.map_points, 0)]
    ]);
  }

  window.BEATBOOK_MAP_LAYERS = {
    ward: {
      label: "Wards",
      style: function () { return { color: "#0b0c0c", weight: 2, fill: false }; },
      popup: function (p) { return popup(p.name + " ward", [["Crimes", number(p.count, 0)]]); },
      label_text: function (p) { return escapeText(p.name); },
      swatch: "#ffffff"
    },
    lsoa: {
      label: "LSOAs (Census 2021)",
      style: function () { return { color: "#505a5f", weight: 1, dashArray: "4 4", fill: false }; },
      popup: function (p) { return popup(p.name, [["LSOA code", p.code]]); },
      swatch: "#e8eef3"
    },
    kde: {
      label: "Crime density (kernel)",
      style: function (p) {
        return { stroke: false, fillColor: DENSITY[Math.min(p.band, DENSITY.length - 1)], fillOpacity: 0.85 };
      },
      popup: function (p) {
        var range = number(p.lower, 0) + (p.upper === null ? " or more" : "–" + number(p.upper, 0));
        return popup("Density " + p.name, [
          ["Crimes per hectare", range],
          ["Area", number(p.hectares, 1) + " ha"],
          ["Crimes inside", number(p.crimes, 0)]
        ]);
      },
      swatch: DENSITY[2]
    },
    "gi-time": {
      label: "Gi* classes over time (fill)",
      style: function (p) {
        var s = CLASS_STYLE[p.over_time] || { fill: "#999999", dash: null };
        return { color: "#0b0c0c", weight: 1, dashArray: s.dash, fillColor: s.fill, fillOpacity: 0.8 };
      },
      popup: cellPopup,
      swatch: "#E69F00"
    },
    gi: {
      label: "Gi* hot and cold spots, whole period (outline)",
      style: function (p) {
        var hot = p["class"] === "hot spot";
        return {
          color: hot ? "#0b0c0c" : "#0072B2",
          weight: 3,
          dashArray: hot ? (p.map_points ? null : "2 4") : "8 4",
          fill: true,
          fillOpacity: 0.05,
          fillColor: hot ? "#D55E00" : "#0072B2"
        };
      },
      popup: cellPopup,
      swatch: "#D55E00"
    },
    point: {
      label: "police.uk map points (crimes)",
      point: function (p, latlng, max) {
        return L.circleMarker(latlng, {
          radius: 1.5 + 4.5 * Math.sqrt((p.count || 0) / max), color: "#ffffff", weight: 0.75, fillColor: "#0b0c0c", fillOpacity: 0.85
        });
      },
      popup: function (p) { return popup(p.name, [["Crimes", number(p.count, 0)]]); },
      label_text: function (p) { return p.label ? escapeText(p.name) : ""; },
      swatch: "#0b0c0c"
    }
  };
})();
