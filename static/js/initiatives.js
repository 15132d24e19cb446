/* Initiative registry: the directory map (only when a tile server is configured) and confirmation of removals. */
(function () {
  "use strict";

  function initMap() {
    var element = document.getElementById("initiatives-map");
    var data = document.getElementById("initiatives-map-points");
    if (!element || !data || typeof L === "undefined") {
      return;
    }
    var points = JSON.parse(data.textContent);
    if (!points.length) {
      return;
    }
    var map = L.map(element, { scrollWheelZoom: false });
    L.tileLayer(element.dataset.tileUrl, {
      attribution: element.dataset.attribution || "",
      maxZoom: 18,
    }).addTo(map);
    var bounds = [];
    points.forEach(function (point) {
      var marker = L.marker([point.lat, point.lon], { title: point.name, alt: point.name }).addTo(map);
      var link = document.createElement("a");
      link.href = point.url;
      link.textContent = point.name;
      marker.bindPopup(link);
      bounds.push([point.lat, point.lon]);
    });
    if (bounds.length === 1) {
      map.setView(bounds[0], 14);
    } else {
      map.fitBounds(bounds, { padding: [30, 30] });
    }
  }

  function initConfirmations() {
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.dataset.confirm)) {
          event.preventDefault();
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    initMap();
    initConfirmations();
  });
})();
