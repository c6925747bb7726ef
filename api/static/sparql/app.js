// The query page: examples, a query box, a format choice and the answer, with plain fetch().
"use strict";

const examples = JSON.parse(document.getElementById("examples").textContent);
const form = document.getElementById("query-form");
const queryBox = document.getElementById("query");
const exampleSelect = document.getElementById("example");
const formatSelect = document.getElementById("format");
const statusLine = document.getElementById("status");
const table = document.getElementById("table");
const raw = document.getElementById("raw");

for (const example of examples) {
  const option = document.createElement("option");
  option.value = example.name;
  option.textContent = example.title;
  exampleSelect.appendChild(option);
}

exampleSelect.addEventListener("change", () => {
  const chosen = examples.find((e) => e.name === exampleSelect.value);
  if (chosen) queryBox.value = chosen.query;
});

function cell(term) {
  if (!term) return "";
  if (term.type === "uri") return term.value;
  if (term.type === "bnode") return "_:" + term.value;
  if (term["xml:lang"]) return term.value + " @" + term["xml:lang"];
  return term.value;
}

function showTable(data) {
  const head = table.tHead;
  const body = table.tBodies[0];
  head.replaceChildren();
  body.replaceChildren();
  const headRow = head.insertRow();
  if ("boolean" in data) {
    headRow.insertCell().textContent = "answer";
    body.insertRow().insertCell().textContent = String(data.boolean);
  } else {
    const vars = data.head.vars;
    for (const v of vars) {
      const th = document.createElement("th");
      th.textContent = v;
      headRow.appendChild(th);
    }
    for (const binding of data.results.bindings) {
      const row = body.insertRow();
      for (const v of vars) row.insertCell().textContent = cell(binding[v]);
    }
  }
  table.hidden = false;
}

async function run(event) {
  event.preventDefault();
  const choice = formatSelect.value;
  const accept = choice === "table"
    ? "application/sparql-results+json, text/turtle;q=0.9"
    : choice;
  table.hidden = true;
  raw.hidden = true;
  statusLine.className = "";
  statusLine.textContent = "running…";
  const started = performance.now();
  try {
    const response = await fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: accept },
      body: new URLSearchParams({ query: queryBox.value }),
    });
    const text = await response.text();
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (!response.ok) {
      let message = text;
      try { message = JSON.parse(text).detail; } catch (e) { /* not JSON */ }
      statusLine.className = "error";
      statusLine.textContent = `HTTP ${response.status}: ${message}`;
      return;
    }
    const type = response.headers.get("Content-Type") || "";
    const cut = response.headers.get("X-Diplograph-Truncated") === "true";
    if (choice === "table" && type.startsWith("application/sparql-results+json")) {
      const data = JSON.parse(text);
      showTable(data);
      const rows = data.results ? data.results.bindings.length : 1;
      statusLine.textContent = `${rows} row(s) in ${seconds} s` + (cut ? " (truncated)" : "");
    } else {
      raw.textContent = text;
      raw.hidden = false;
      statusLine.textContent = `${type} in ${seconds} s` + (cut ? " (truncated)" : "");
    }
  } catch (error) {
    statusLine.className = "error";
    statusLine.textContent = String(error);
  }
}

form.addEventListener("submit", run);
