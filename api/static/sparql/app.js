// The query page: YASGUI (installed from npm, served from node_modules) pointed at this
// endpoint, with the competency questions as ready examples and the project's prefix table for
// completion. Nothing here or in YASGUI as configured asks any other host for anything.
"use strict";

(function () {
  const read = (id) => JSON.parse(document.getElementById(id).textContent);
  const examples = read("examples");
  const prefixes = read("prefixes");
  const endpoint = new URL("/sparql", window.location.href).href;
  const Yasqe = Yasgui.Yasqe;

  // Prefix completion (after PREFIX) and the automatic PREFIX line (on typing "dg:") from the
  // endpoint's own table, given as a list so nothing is fetched (prefix.cc) or cached stale.
  Yasqe.forkAutocompleter("prefixes", {
    name: "diplograph-prefixes",
    persistenceId: "diplograph-prefixes",
    get: Object.entries(prefixes).map(([prefix, iri]) => `${prefix}: <${iri}>`).sort(),
  }, false);
  // Replaced, not merged: YASGUI merges configs index by index, so a list in the config would
  // keep the stock completers. Those for classes and properties ask lov.linkeddata.es: left out.
  Yasqe.defaults.autocompleters = ["diplograph-prefixes", "variables"];
  Yasqe.defaults.prefixCcApi = null;
  Yasqe.defaults.value = read("default-query");

  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: {
      endpoint,
      method: "POST",
      acceptHeaderGraph: "text/turtle,*/*;q=0.9",
    },
    // The endpoint box offers this endpoint only (the stock list names DBpedia and Wikidata).
    endpointCatalogueOptions: { getData: () => [{ endpoint }] },
    copyEndpointOnNewTab: true,
    corsProxy: undefined,
    persistenceId: "diplograph-sparql",
    yasr: { prefixes },
  });

  // An entity's IRI in the results opens its page here (/id/{kind}/{slug}) rather than at the
  // IRI's host: the link is rewritten as the pointer or the keyboard reaches it.
  const base = read("id-base");
  const toLocal = (event) => {
    const link = event.target.closest && event.target.closest("a[href]");
    if (link && link.href.startsWith(base)) {
      link.href = new URL("/id/" + link.href.slice(base.length), window.location.href).href;
    }
  };
  const root = document.getElementById("yasgui");
  root.addEventListener("mousedown", toLocal, true);
  root.addEventListener("focusin", toLocal, true);

  const bar = document.getElementById("examples-bar");
  const select = document.getElementById("example");
  select.addEventListener("change", () => {
    const chosen = examples.find((e) => e.name === select.value);
    select.value = "";
    if (!chosen) return;
    const name = chosen.title.split(":")[0];
    yasgui.addTab(true, { name, yasqe: { value: chosen.query } }, { avoidDuplicateTabs: true });
  });
  bar.hidden = false;
  // For tests and the curious, as the graph page exposes its drawing.
  window.diplographYasgui = yasgui;
})();
