// The graph page's interactive drawing: Cytoscape.js (served from node_modules, installed by
// `npm ci` from package-lock.json) draws the elements the server embedded as JSON. Without
// this script or the library, the server-drawn SVG below stays: nothing here is required.
"use strict";

(function () {
  var canvas = document.getElementById("graph-canvas");
  var data = document.getElementById("graph-data");
  if (!canvas || !data || typeof window.cytoscape !== "function") {
    return; // no library: keep the SVG
  }
  var elements = JSON.parse(data.textContent);
  var big = elements.nodes.length > 120; // force-directed layout is slow beyond that
  canvas.hidden = false;
  var cy = window.cytoscape({
    container: canvas,
    elements: elements,
    style: [
      { selector: "node", style: {
        "background-color": "data(colour)", shape: "data(shape)", label: "data(label)",
        width: 16, height: 16, "font-size": 9, color: "#1a1a1a", "text-valign": "bottom",
        "text-margin-y": 3, "text-outline-color": "#fff", "text-outline-width": 2,
        "text-max-width": 120, "text-wrap": "ellipsis", "min-zoomed-font-size": 7 } },
      { selector: "node.center", style: {
        width: 28, height: 28, "font-size": 12, "font-weight": "bold",
        "border-width": 3, "border-color": "#d35400" } },
      { selector: "edge", style: {
        width: 1, "line-color": "#b5b5b5", "curve-style": "haystack", opacity: 0.8 } },
      { selector: "node:active, node:selected", style: {
        "border-width": 3, "border-color": "#d35400" } }
    ],
    layout: big
      ? { name: "concentric", animate: false, minNodeSpacing: 6,
          concentric: function (n) { return n.hasClass("center") ? 1e6 : n.degree(); },
          levelWidth: function (nodes) { return Math.max(1, nodes.maxDegree() / 5); } }
      : { name: "cose", animate: false, randomize: false, nodeRepulsion: 40000,
          idealEdgeLength: 90, nodeOverlap: 20, numIter: 1000 }
  });
  cy.on("tap", "node", function (event) {
    var href = event.target.data("href");
    if (href) {
      window.location.assign(href);
    }
  });
  document.getElementById("graph-fallback").hidden = true;
  document.getElementById("graph-note").textContent =
    "Drag to pan, scroll to zoom, click a node to open its page.";
  window.diplographGraph = cy; // for the browser tests and the curious
})();
