/* KuDeQua needs assessment: quarter map, location picker, print button. No inline scripts (CSP). */
(function () {
  "use strict";

  // Leaflet's default prefix carries an inline-styled flag the CSP blocks; a plain link says the same.
  var PREFIX = '<a href="https://leafletjs.com">Leaflet</a>';

  function tileLayer(config) {
    return L.tileLayer(config.tiles, { attribution: config.attribution || "", maxZoom: 19 });
  }

  function popupContent(point) {
    var wrapper = document.createElement("div");
    var kind = document.createElement("div");
    kind.className = "small text-muted";
    kind.textContent = point.label;
    wrapper.appendChild(kind);
    var title = document.createElement(point.url ? "a" : "strong");
    title.textContent = point.title;
    if (point.url) {
      title.href = point.url;
    }
    wrapper.appendChild(title);
    return wrapper;
  }

  function quarterMap(element) {
    var source = document.getElementById(element.dataset.mapConfig);
    if (!source || typeof L === "undefined") {
      return;
    }
    var config = JSON.parse(source.textContent);
    var map = L.map(element, { scrollWheelZoom: false, attributionControl: false });
    L.control.attribution({ prefix: PREFIX }).addTo(map);
    tileLayer(config).addTo(map);
    var bounds = [];
    if (config.boundary) {
      var outline = L.geoJSON(config.boundary, { style: { color: "#0b5394", weight: 2, fillOpacity: 0.05 } }).addTo(map);
      bounds.push(outline.getBounds());
    }
    var colours = { need: "#b02a37", offer: "#146c43", potential: "#0b5394" };
    config.points.forEach(function (point) {
      var marker = L.circleMarker([point.lat, point.lon], {
        radius: 8,
        color: colours[point.kind] || "#333",
        fillOpacity: 0.8,
      }).addTo(map);
      marker.bindPopup(popupContent(point));
      bounds.push(L.latLngBounds([point.lat, point.lon], [point.lat, point.lon]));
    });
    if (bounds.length) {
      var all = bounds[0];
      bounds.slice(1).forEach(function (b) { all.extend(b); });
      map.fitBounds(all, { padding: [20, 20], maxZoom: 16 });
    } else if (config.centre) {
      map.setView(config.centre, 14);
    } else {
      map.setView([51.16, 10.45], 6);
    }
  }

  function locationPicker(element) {
    if (typeof L === "undefined") {
      return;
    }
    var latitude = document.getElementById(element.dataset.latInput);
    var longitude = document.getElementById(element.dataset.lonInput);
    if (!latitude || !longitude) {
      return;
    }
    var map = L.map(element, { attributionControl: false });
    L.control.attribution({ prefix: PREFIX }).addTo(map);
    tileLayer({ tiles: element.dataset.tiles, attribution: element.dataset.attribution }).addTo(map);
    var marker = null;
    function place(lat, lon) {
      if (marker) {
        marker.setLatLng([lat, lon]);
      } else {
        marker = L.marker([lat, lon]).addTo(map);
      }
    }
    if (latitude.value && longitude.value) {
      var lat = parseFloat(latitude.value.replace(",", "."));
      var lon = parseFloat(longitude.value.replace(",", "."));
      place(lat, lon);
      map.setView([lat, lon], 16);
    } else {
      map.setView([parseFloat(element.dataset.lat || "51.51"), parseFloat(element.dataset.lon || "7.46")], 12);
    }
    map.on("click", function (event) {
      latitude.value = event.latlng.lat.toFixed(6);
      longitude.value = event.latlng.lng.toFixed(6);
      place(event.latlng.lat, event.latlng.lng);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-map-config]").forEach(quarterMap);
    document.querySelectorAll("[data-location-picker]").forEach(locationPicker);
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  });
})();
