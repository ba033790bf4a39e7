/* The home page's map: Leaflet over the bundled world outline (no tile server), one circle marker
 * per listed cluster with coordinates, coloured by group as the legend is. The markers come from
 * the map element's data-geo address (the page's own filters); every request goes to this server.
 * Without JavaScript the list and counts beside the map say the same. */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined") return;
  var colours = ["#9e9e9e", "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
                 "#e377c2", "#17becf"];
  var map = L.map(el, { worldCopyJump: false, minZoom: 1, maxZoom: 8, attributionControl: false });
  map.setView([50, 20], 2);
  function get(url, done) {
    fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    }).then(done).catch(function (e) { el.setAttribute("data-error", String(e)); });
  }
  get(el.getAttribute("data-world"), function (world) {
    L.geoJSON(world, { interactive: false,
                       style: { color: "#8a9aa9", weight: 1, fillColor: "#f7f7f2", fillOpacity: 1 } })
      .addTo(map);
    get(el.getAttribute("data-geo"), function (geo) {
      var layer = L.geoJSON(geo, {
        pointToLayer: function (f, latlng) {
          var g = f.properties.group || 0;
          return L.circleMarker(latlng, { radius: 7, weight: 1, color: "#333",
                                          fillColor: colours[g % colours.length], fillOpacity: 0.9 });
        },
        onEachFeature: function (f, m) {
          var p = f.properties, div = document.createElement("div"), a = document.createElement("a");
          a.href = p.url;
          a.textContent = p.name;
          div.appendChild(a);
          if (p.group_name) {
            div.appendChild(document.createElement("br"));
            div.appendChild(document.createTextNode(p.group_name));
          }
          m.bindPopup(div);
        }
      }).addTo(map);
      el.setAttribute("data-markers", String(layer.getLayers().length));
      if (layer.getLayers().length) map.fitBounds(layer.getBounds().pad(0.3), { maxZoom: 6 });
    });
  });
  /* choosing in a select applies the filters at once; the button stays for keyboards */
  var form = document.querySelector("form.filters");
  if (form) form.addEventListener("change", function (e) {
    if (e.target.tagName === "SELECT") form.submit();
  });
})();
