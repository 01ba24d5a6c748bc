/* ros-kg graph page. Every text from the data reaches the page through textContent or
   vis-network's canvas, never through innerHTML; links are kept only for http(s) addresses. */
(function () {
  "use strict";

  function readJson(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  var DATA = readJson("ros-kg-data");
  var VIS_NODES = readJson("vis-nodes");
  var VIS_EDGES = readJson("vis-edges");
  var VIS_OPTIONS = readJson("vis-options");
  var WRAP = DATA.labelWrap || [20, 2];
  function keyed(list) {
    var map = {};
    list.forEach(function (entry) { map[entry.key] = entry; });
    return map;
  }
  var ORDER = {
    kinds: DATA.kinds.map(function (e) { return e.key; }),
    dependencyKinds: DATA.dependencyKinds.map(function (e) { return e.key; }),
    relations: DATA.relations.map(function (e) { return e.key; })
  };
  DATA.kinds = keyed(DATA.kinds);
  DATA.dependencyKinds = keyed(DATA.dependencyKinds);
  DATA.relations = keyed(DATA.relations);

  var UI = {
    nl: {
      searchPlaceholder: "Zoek een partij, document of afkorting…",
      time: "Tijd", byYear: "Toon de stand per jaar", kinds: "Soorten",
      dependencyKinds: "Afhankelijk voor", relations: "Verbindingen", themes: "Thema's",
      themesHint: "Kies een thema om alleen wat erbij hoort te tonen.",
      yearHint: "Stand eind {year}: wat toen bestond en gold; partijen zonder verbinding in dat jaar zijn verborgen.",
      allYears: "alle jaren", close: "Sluiten", counts: "{nodes} knopen en {edges} verbindingen zichtbaar",
      kind: "Soort", identifiers: "Identificatie", iri: "IRI", tooi: "TOOI", wikidata: "Wikidata",
      cbs: "CBS-code", dependsOn: "Hangt af van", dependedOnBy: "Wie hiervan afhangt",
      otherRelations: "Andere verbindingen", sources: "Bronnen", basis: "grondslag", since: "sinds",
      until: "tot", date: "Datum", status: "Status", focus: "Focus", steps: "stappen",
      clearFocus: "Focus opheffen", noResults: "Niets gevonden", none: "geen",
      planned: "gepland", ongoing: "lopend", done: "gereed", otherNames: "Ook genoemd",
      asOf: "Deze pagina toont de stand op {date}."
    },
    en: {
      searchPlaceholder: "Search a party, document or abbreviation…",
      time: "Time", byYear: "Show the state per year", kinds: "Kinds",
      dependencyKinds: "Depends for", relations: "Links", themes: "Themes",
      themesHint: "Pick a theme to show only what belongs to it.",
      yearHint: "State at the end of {year}: what existed and held then; parties without a link that year are hidden.",
      allYears: "all years", close: "Close", counts: "{nodes} nodes and {edges} links visible",
      kind: "Kind", identifiers: "Identifiers", iri: "IRI", tooi: "TOOI", wikidata: "Wikidata",
      cbs: "CBS code", dependsOn: "Depends on", dependedOnBy: "Who depends on this",
      otherRelations: "Other links", sources: "Sources", basis: "basis", since: "since",
      until: "until", date: "Date", status: "Status", focus: "Focus", steps: "steps",
      clearFocus: "Clear focus", noResults: "Nothing found", none: "none",
      planned: "planned", ongoing: "ongoing", done: "done", otherNames: "Also called",
      asOf: "This page shows the state on {date}."
    }
  };

  var state = {
    lang: DATA.lang === "en" ? "en" : "nl",
    hiddenKinds: new Set(DATA.hiddenKinds || []),
    hiddenDependencyKinds: new Set(),
    hiddenRelations: new Set(),
    themes: new Set(),
    year: null,
    focus: null,
    focusDepth: 1,
    selected: null
  };

  var edgeMeta = new Map();
  var outgoing = new Map();
  var incoming = new Map();
  DATA.edges.forEach(function (edge) {
    edgeMeta.set(edge.id, edge);
    if (!outgoing.has(edge.from)) { outgoing.set(edge.from, []); }
    if (!incoming.has(edge.to)) { incoming.set(edge.to, []); }
    outgoing.get(edge.from).push(edge);
    incoming.get(edge.to).push(edge);
  });
  var baseEdgeColor = new Map();
  VIS_EDGES.forEach(function (edge) { baseEdgeColor.set(edge.id, edge.color); });

  function t(key) { return UI[state.lang][key] || key; }
  function text(map) {
    if (!map) { return ""; }
    return map[state.lang] || map[state.lang === "nl" ? "en" : "nl"] || map[""] || "";
  }
  function nodeLabel(id) {
    var meta = DATA.nodes[id];
    return meta ? (text(meta.label) || id) : id;
  }
  function wrap(label) {
    /* The same wrapping as ros_kg.page_layout.wrap_label, so the layout's label boxes hold. */
    var pieces = [];
    label.split(/\s+/).filter(Boolean).forEach(function (word) {
      for (var i = 0; i < word.length; i += WRAP[0]) { pieces.push(word.slice(i, i + WRAP[0])); }
    });
    var rows = [];
    var current = "";
    pieces.forEach(function (piece) {
      if (current && current.length + 1 + piece.length > WRAP[0]) { rows.push(current); current = piece; }
      else { current = current ? current + " " + piece : piece; }
    });
    if (current) { rows.push(current); }
    if (rows.length > WRAP[1]) {
      var last = rows[WRAP[1] - 1];
      if (last.length + 1 > WRAP[0]) { last = last.slice(0, WRAP[0] - 1).replace(/\s+$/, ""); }
      rows = rows.slice(0, WRAP[1] - 1).concat([last + "…"]);
    }
    return rows.join("\n");
  }
  function el(tag, className, content) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (content !== undefined && content !== null) { node.textContent = String(content); }
    return node;
  }
  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\/[^\s]+$/i.test(url) ? url : null;
  }
  function link(url, label) {
    var safe = safeUrl(url);
    if (!safe) { return el("span", null, label || url || ""); }
    var a = el("a", null, label || safe);
    a.href = safe;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return String(values[key]); });
  }
  function normalise(value) {
    return String(value).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[\s\-_.,'\u2019()\/:\u2013\u2014]+/g, "");
  }
  function holds(start, end, day) {
    return (!start || start <= day) && (!end || day < end);
  }

  function tooltip(id) {
    var meta = DATA.nodes[id];
    var box = el("div", "tip");
    box.appendChild(el("strong", null, nodeLabel(id)));
    var kind = DATA.kinds[meta.kind];
    box.appendChild(el("div", "tip-kind", kind ? text(kind.label) : meta.kind));
    if (meta.alt && meta.alt.length) { box.appendChild(el("div", null, meta.alt.join(", "))); }
    return box;
  }
  function edgeTooltip(edge) {
    var box = el("div", "tip");
    box.appendChild(el("strong", null, text(edge.label)));
    box.appendChild(el("div", "tip-kind", nodeLabel(edge.from) + " → " + nodeLabel(edge.to)));
    return box;
  }

  var nodes = new vis.DataSet(VIS_NODES.map(function (node) {
    return Object.assign({}, node, { title: tooltip(node.id) });
  }));
  var edges = new vis.DataSet(VIS_EDGES.map(function (edge) {
    return Object.assign({}, edge, { title: edgeTooltip(edgeMeta.get(edge.id)) });
  }));
  var visibleNodes = new Set(nodes.getIds());
  var visibleEdges = new Set(edges.getIds());
  var nodesView = new vis.DataView(nodes, { filter: function (item) { return visibleNodes.has(item.id); } });
  var edgesView = new vis.DataView(edges, { filter: function (item) { return visibleEdges.has(item.id); } });

  function computeVisible() {
    var day = state.year ? state.year + "-12-31" : null;
    var shownNodes = new Set();
    Object.keys(DATA.nodes).forEach(function (id) {
      var meta = DATA.nodes[id];
      if (state.hiddenKinds.has(meta.kind)) { return; }
      if (day && !holds(meta.start, meta.end, day)) { return; }
      shownNodes.add(id);
    });
    function edgeShown(edge) {
      if (!shownNodes.has(edge.from) || !shownNodes.has(edge.to)) { return false; }
      if (state.hiddenRelations.has(edge.relation)) { return false; }
      if (edge.relation === "depends_on" && state.hiddenDependencyKinds.has(edge.kind)) { return false; }
      return !(day && !holds(edge.start, edge.end, day));
    }
    if (state.themes.size) {
      var carriers = new Set();
      shownNodes.forEach(function (id) {
        var meta = DATA.nodes[id];
        if (state.themes.has(id) || meta.themes.some(function (th) { return state.themes.has(th); })) {
          carriers.add(id);
        }
      });
      var near = new Set(carriers);
      DATA.edges.forEach(function (edge) {
        if (!shownNodes.has(edge.from) || !shownNodes.has(edge.to)) { return; }
        if (carriers.has(edge.from)) { near.add(edge.to); }
        if (carriers.has(edge.to)) { near.add(edge.from); }
      });
      shownNodes = new Set(Array.from(shownNodes).filter(function (id) { return near.has(id); }));
    }
    var shownEdges = new Set();
    var linked = new Set();
    DATA.edges.forEach(function (edge) {
      if (edgeShown(edge)) {
        shownEdges.add(edge.id);
        linked.add(edge.from);
        linked.add(edge.to);
      }
    });
    if (day) {
      shownNodes = new Set(Array.from(shownNodes).filter(function (id) { return linked.has(id); }));
    }
    visibleNodes = shownNodes;
    visibleEdges = shownEdges;
    nodesView.refresh();
    edgesView.refresh();
    applyFocus();
    document.getElementById("counts").textContent =
      fill(t("counts"), { nodes: visibleNodes.size, edges: visibleEdges.size });
  }

  function neighbourhood(start, depth) {
    var seen = new Set([start]);
    var frontier = [start];
    for (var step = 0; step < depth; step += 1) {
      var next = [];
      frontier.forEach(function (id) {
        (outgoing.get(id) || []).concat(incoming.get(id) || []).forEach(function (edge) {
          if (!visibleEdges.has(edge.id)) { return; }
          var other = edge.from === id ? edge.to : edge.from;
          if (!seen.has(other)) { seen.add(other); next.push(other); }
        });
      });
      frontier = next;
    }
    return seen;
  }

  var faded = new Set();
  function applyFocus() {
    var keep = state.focus && visibleNodes.has(state.focus) ? neighbourhood(state.focus, state.focusDepth) : null;
    var nodeUpdates = [];
    var newFaded = new Set();
    nodes.getIds().forEach(function (id) {
      var fade = keep !== null && !keep.has(id);
      if (fade) { newFaded.add(id); }
      if (fade !== faded.has(id)) {
        nodeUpdates.push({ id: id, opacity: fade ? 0.15 : 1,
          font: { color: fade ? "rgba(28,40,51,0.18)" : "#1c2833" } });
      }
    });
    var edgeUpdates = [];
    DATA.edges.forEach(function (edge) {
      var fade = keep !== null && !(keep.has(edge.from) && keep.has(edge.to));
      var base = baseEdgeColor.get(edge.id);
      edgeUpdates.push({ id: edge.id, color: Object.assign({}, base, { opacity: fade ? 0.08 : 1 }) });
    });
    faded = newFaded;
    if (nodeUpdates.length) { nodes.update(nodeUpdates); }
    edges.update(edgeUpdates);
  }

  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, VIS_OPTIONS);

  function swatch(shape, color) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "16");
    svg.setAttribute("height", "16");
    svg.setAttribute("viewBox", "0 0 16 16");
    var shapeEl;
    var points = {
      triangle: "8,1 15,14 1,14", triangleDown: "1,2 15,2 8,15", diamond: "8,1 15,8 8,15 1,8",
      hexagon: "4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8",
      star: "8,0.5 10,6 15.5,6 11,9.5 12.8,15 8,11.6 3.2,15 5,9.5 0.5,6 6,6"
    };
    if (points[shape]) {
      shapeEl = document.createElementNS(ns, "polygon");
      shapeEl.setAttribute("points", points[shape]);
    } else if (shape === "square" || shape === "box") {
      shapeEl = document.createElementNS(ns, "rect");
      shapeEl.setAttribute("x", "2"); shapeEl.setAttribute("y", "2");
      shapeEl.setAttribute("width", "12"); shapeEl.setAttribute("height", "12");
      if (shape === "box") { shapeEl.setAttribute("rx", "3"); }
    } else {
      shapeEl = document.createElementNS(ns, "circle");
      shapeEl.setAttribute("cx", "8"); shapeEl.setAttribute("cy", "8"); shapeEl.setAttribute("r", "6.5");
    }
    shapeEl.setAttribute("fill", color);
    shapeEl.setAttribute("stroke", "#37474f");
    shapeEl.setAttribute("stroke-width", "0.8");
    svg.appendChild(shapeEl);
    return svg;
  }
  function lineSwatch(color, dashes, width) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "28");
    svg.setAttribute("height", "10");
    var line = document.createElementNS(ns, "line");
    line.setAttribute("x1", "1"); line.setAttribute("y1", "5");
    line.setAttribute("x2", "27"); line.setAttribute("y2", "5");
    line.setAttribute("stroke", color);
    line.setAttribute("stroke-width", String(Math.max(1.5, width)));
    if (Array.isArray(dashes)) { line.setAttribute("stroke-dasharray", dashes.join(" ")); }
    svg.appendChild(line);
    return svg;
  }
  function legendItem(list, key, icon, label, count, checked, onChange) {
    var li = el("li");
    var lab = el("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = checked;
    box.dataset.key = key;
    box.addEventListener("change", function () { onChange(box.checked); });
    lab.appendChild(box);
    lab.appendChild(icon);
    lab.appendChild(el("span", null, label));
    if (count !== null) { lab.appendChild(el("span", "count", count)); }
    li.appendChild(lab);
    list.appendChild(li);
  }
  function toggle(set, key, shown) {
    if (shown) { set.delete(key); } else { set.add(key); }
    computeVisible();
  }
  function renderLegend() {
    var kinds = document.getElementById("legend-kinds");
    kinds.replaceChildren();
    ORDER.kinds.forEach(function (kind) {
      var entry = DATA.kinds[kind];
      legendItem(kinds, kind, swatch(entry.shape, entry.color), text(entry.label), entry.count,
        !state.hiddenKinds.has(kind), function (shown) { toggle(state.hiddenKinds, kind, shown); });
    });
    var deps = document.getElementById("legend-dependencies");
    deps.replaceChildren();
    ORDER.dependencyKinds.forEach(function (kind) {
      var entry = DATA.dependencyKinds[kind];
      legendItem(deps, kind, lineSwatch(entry.color, false, 2.6), text(entry.label), entry.count,
        !state.hiddenDependencyKinds.has(kind),
        function (shown) { toggle(state.hiddenDependencyKinds, kind, shown); });
    });
    var rels = document.getElementById("legend-relations");
    rels.replaceChildren();
    ORDER.relations.forEach(function (relation) {
      var entry = DATA.relations[relation];
      legendItem(rels, relation, lineSwatch(entry.color, entry.dashes, entry.width), text(entry.label),
        entry.count, !state.hiddenRelations.has(relation),
        function (shown) { toggle(state.hiddenRelations, relation, shown); });
    });
    var themes = document.getElementById("legend-themes");
    themes.replaceChildren();
    DATA.themes.forEach(function (theme) {
      legendItem(themes, theme.id, swatch("box", "#eceff1"), text(theme.label), null,
        state.themes.has(theme.id), function (chosen) {
          if (chosen) { state.themes.add(theme.id); } else { state.themes.delete(theme.id); }
          computeVisible();
        });
    });
  }

  function sourceItem(iri) {
    var source = DATA.sources[iri];
    var li = el("li");
    if (!source) { li.textContent = iri; return li; }
    li.appendChild(link(source.url, text(source.title)));
    if (source.section) { li.appendChild(el("span", "meta", " (" + source.section + ")")); }
    return li;
  }
  function nodeButton(id) {
    if (!DATA.nodes[id]) { return el("span", null, id); }
    var button = el("button", "node-link", nodeLabel(id));
    button.type = "button";
    button.addEventListener("click", function () { select(id); });
    return button;
  }
  function period(item) {
    var parts = [];
    if (item.start) { parts.push(t("since") + " " + item.start); }
    if (item.end) { parts.push(t("until") + " " + item.end); }
    return parts.join(", ");
  }
  function dependencyItem(edge, other) {
    var li = el("li");
    li.appendChild(nodeButton(other));
    var kind = DATA.dependencyKinds[edge.kind];
    li.appendChild(el("span", null, " — " + (kind ? text(kind.label) : edge.kind)));
    var extra = [];
    if (edge.basis) { extra.push(t("basis") + ": " + nodeLabel(edge.basis)); }
    if (period(edge)) { extra.push(period(edge)); }
    if (extra.length) { li.appendChild(el("div", "meta", extra.join(" · "))); }
    if (edge.sources.length) {
      var list = el("ul", "edge-sources");
      edge.sources.forEach(function (iri) { list.appendChild(sourceItem(iri)); });
      li.appendChild(list);
    }
    return li;
  }
  function section(body, title, items) {
    if (!items.length) { return; }
    body.appendChild(el("h3", null, title));
    var list = el("ul");
    items.forEach(function (item) { list.appendChild(item); });
    body.appendChild(list);
  }

  function renderPanel() {
    var panel = document.getElementById("panel");
    var body = document.getElementById("panel-body");
    var id = state.selected;
    body.replaceChildren();
    if (!id || !DATA.nodes[id]) { panel.hidden = true; return; }
    panel.hidden = false;
    var meta = DATA.nodes[id];
    body.appendChild(el("h2", null, nodeLabel(id)));
    var other = meta.label[state.lang === "nl" ? "en" : "nl"];
    if (other && other !== nodeLabel(id)) { body.appendChild(el("p", "sub", other)); }
    var kind = DATA.kinds[meta.kind];
    var kindLine = el("p", "sub");
    if (kind) { kindLine.appendChild(swatch(kind.shape, kind.color)); }
    kindLine.appendChild(el("span", null, " " + (kind ? text(kind.label) : meta.kind)));
    body.appendChild(kindLine);
    if (meta.alt.length) { body.appendChild(el("p", null, t("otherNames") + ": " + meta.alt.join(", "))); }
    if (text(meta.comment)) { body.appendChild(el("p", null, text(meta.comment))); }

    var facts = el("dl");
    function fact(label, value) {
      facts.appendChild(el("dt", null, label));
      var dd = el("dd");
      if (value instanceof Node) { dd.appendChild(value); } else { dd.textContent = value; }
      facts.appendChild(dd);
    }
    if (meta.date) { fact(t("date"), meta.date + (text(meta.dateLabel) ? " (" + text(meta.dateLabel) + ")" : "")); }
    if (meta.status) { fact(t("status"), t(meta.status)); }
    if (meta.tooi) { fact(t("tooi"), link(meta.tooi)); }
    if (meta.wikidata) { fact(t("wikidata"), link(meta.wikidata)); }
    if (meta.cbs) { fact(t("cbs"), meta.cbs); }
    fact(t("iri"), id);
    body.appendChild(el("h3", null, t("identifiers")));
    body.appendChild(facts);

    var outs = (outgoing.get(id) || []).filter(function (e) { return e.relation === "depends_on"; });
    var ins = (incoming.get(id) || []).filter(function (e) { return e.relation === "depends_on"; });
    section(body, t("dependsOn"), outs.map(function (e) { return dependencyItem(e, e.to); }));
    section(body, t("dependedOnBy"), ins.map(function (e) { return dependencyItem(e, e.from); }));
    var others = (outgoing.get(id) || []).concat(incoming.get(id) || [])
      .filter(function (e) { return e.relation !== "depends_on"; })
      .map(function (e) {
        var li = el("li");
        var rel = DATA.relations[e.relation];
        var relLabel = rel ? text(rel.label) : e.relation;
        var role = e.relation === "member_of" ? text(e.label) : "";
        li.appendChild(el("span", "meta", (e.from === id ? relLabel + " → " : relLabel + " ← ")));
        li.appendChild(nodeButton(e.from === id ? e.to : e.from));
        var extra = [role, period(e)].filter(Boolean).join(", ");
        if (extra) { li.appendChild(el("span", "meta", " (" + extra + ")")); }
        return li;
      });
    section(body, t("otherRelations"), others);
    section(body, t("sources"), meta.sources.map(sourceItem));

    var focus = el("div", "focus");
    var button = el("button", null, t("focus"));
    button.type = "button";
    var depth = document.createElement("select");
    [1, 2, 3].forEach(function (n) {
      var option = el("option", null, String(n));
      option.value = String(n);
      option.selected = n === state.focusDepth;
      depth.appendChild(option);
    });
    button.addEventListener("click", function () { focusOn(id, Number(depth.value)); });
    focus.appendChild(button);
    focus.appendChild(depth);
    focus.appendChild(el("span", null, t("steps")));
    if (state.focus) {
      var clear = el("button", null, t("clearFocus"));
      clear.type = "button";
      clear.addEventListener("click", clearFocus);
      focus.appendChild(clear);
    }
    body.appendChild(focus);
  }

  function select(id) {
    if (!DATA.nodes[id]) { return; }
    state.selected = id;
    if (visibleNodes.has(id)) {
      network.selectNodes([id]);
      network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    }
    renderPanel();
  }
  function focusOn(id, depth) {
    state.focus = id;
    state.focusDepth = depth || 1;
    applyFocus();
    renderPanel();
  }
  function clearFocus() {
    state.focus = null;
    applyFocus();
    renderPanel();
  }

  var index = Object.keys(DATA.nodes).map(function (id) {
    var meta = DATA.nodes[id];
    var names = [meta.label.nl, meta.label.en].concat(meta.alt).filter(Boolean);
    return { id: id, keys: names.map(normalise) };
  });
  function search(query) {
    var key = normalise(query);
    if (!key) { return []; }
    var ranked = [];
    index.forEach(function (entry) {
      var best = 9;
      entry.keys.forEach(function (k) {
        if (k === key) { best = Math.min(best, 0); }
        else if (k.indexOf(key) === 0) { best = Math.min(best, 1); }
        else if (k.indexOf(key) > 0) { best = Math.min(best, 2); }
      });
      if (best < 9) { ranked.push([best, nodeLabel(entry.id).toLowerCase(), entry.id]); }
    });
    ranked.sort(function (a, b) { return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0); });
    return ranked.map(function (r) { return r[2]; });
  }
  var searchBox = document.getElementById("search");
  var results = document.getElementById("results");
  function showResults() {
    var found = search(searchBox.value).slice(0, 12);
    results.replaceChildren();
    if (!searchBox.value.trim()) { results.hidden = true; return; }
    if (!found.length) { results.appendChild(el("li", "hint", t("noResults"))); }
    found.forEach(function (id) {
      var li = el("li");
      var button = el("button", null, nodeLabel(id));
      button.type = "button";
      button.dataset.id = id;
      var kind = DATA.kinds[DATA.nodes[id].kind];
      button.appendChild(el("span", "kind", kind ? text(kind.label) : ""));
      button.addEventListener("click", function () {
        results.hidden = true;
        select(id);
      });
      li.appendChild(button);
      results.appendChild(li);
    });
    results.hidden = false;
  }
  searchBox.addEventListener("input", showResults);
  searchBox.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var found = search(searchBox.value);
      if (found.length) { results.hidden = true; select(found[0]); }
    } else if (event.key === "Escape") {
      results.hidden = true;
    }
  });

  var yearOn = document.getElementById("year-on");
  var yearInput = document.getElementById("year");
  function setYear(year) {
    state.year = year;
    yearOn.checked = year !== null;
    if (year !== null) { yearInput.value = String(year); }
    renderYear();
    computeVisible();
  }
  function renderYear() {
    document.getElementById("year-value").textContent = state.year === null ? t("allYears") : String(state.year);
    var hint = state.year === null ? "" : fill(t("yearHint"), { year: state.year });
    if (DATA.asOf) { hint = (hint ? hint + " " : "") + fill(t("asOf"), { date: DATA.asOf }); }
    document.getElementById("year-hint").textContent = hint;
  }
  yearInput.addEventListener("input", function () { setYear(Number(yearInput.value)); });
  yearOn.addEventListener("change", function () { setYear(yearOn.checked ? Number(yearInput.value) : null); });

  function setLang(lang) {
    state.lang = lang === "en" ? "en" : "nl";
    document.documentElement.lang = state.lang;
    document.querySelectorAll("[data-i18n]").forEach(function (node) { node.textContent = t(node.dataset.i18n); });
    document.querySelectorAll("[data-i18n-placeholder]").forEach(function (node) {
      node.placeholder = t(node.dataset.i18nPlaceholder);
    });
    document.querySelectorAll("[data-i18n-title]").forEach(function (node) { node.title = t(node.dataset.i18nTitle); });
    document.querySelectorAll(".langs button").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.lang === state.lang));
    });
    var title = text(DATA.title);
    document.getElementById("title").textContent = title;
    document.title = title;
    nodes.update(VIS_NODES.map(function (node) {
      return { id: node.id, label: wrap(nodeLabel(node.id)), title: tooltip(node.id) };
    }));
    edges.update(DATA.edges.map(function (edge) { return { id: edge.id, title: edgeTooltip(edge) }; }));
    renderLegend();
    renderYear();
    renderPanel();
    if (searchBox.value) { showResults(); }
    document.getElementById("counts").textContent =
      fill(t("counts"), { nodes: visibleNodes.size, edges: visibleEdges.size });
  }
  document.querySelectorAll(".langs button").forEach(function (button) {
    button.addEventListener("click", function () { setLang(button.dataset.lang); });
  });

  network.on("click", function (params) {
    if (params.nodes.length) { select(params.nodes[0]); }
    else if (!params.edges.length) { state.selected = null; renderPanel(); }
  });
  document.getElementById("panel-close").addEventListener("click", function () {
    state.selected = null;
    network.unselectAll();
    renderPanel();
  });

  var api = {
    ready: false,
    settledAt: null,
    nodeIds: function () { return nodes.getIds(); },
    edgeIds: function () { return edges.getIds(); },
    edgeKeys: function () { return DATA.edges.map(function (e) { return [e.from, e.to, e.key]; }); },
    visibleNodeIds: function () { return nodesView.getIds(); },
    visibleEdgeIds: function () { return edgesView.getIds(); },
    visibleEdgeKeys: function () {
      return edgesView.getIds().map(function (id) { var e = edgeMeta.get(id); return [e.from, e.to, e.key]; });
    },
    drawnNodeIds: function () { return network.body.nodeIndices.slice(); },
    drawnEdgeIds: function () { return network.body.edgeIndices.slice(); },
    fadedNodeIds: function () { return Array.from(faded); },
    scale: function () { return network.getScale(); },
    drawnBoxes: function () {
      return network.body.nodeIndices.map(function (id) {
        var box = network.getBoundingBox(id);
        return [id, box.left, box.top, box.right, box.bottom];
      });
    },
    edge: function (id) { return edgeMeta.get(id); },
    node: function (id) { return DATA.nodes[id]; },
    search: search,
    select: select,
    focus: focusOn,
    clearFocus: clearFocus,
    setYear: setYear,
    setLang: setLang,
    setKindShown: function (kind, shown) { toggle(state.hiddenKinds, kind, shown); renderLegend(); },
    setDependencyKindShown: function (kind, shown) {
      toggle(state.hiddenDependencyKinds, kind, shown); renderLegend();
    },
    setThemes: function (ids) { state.themes = new Set(ids); computeVisible(); renderLegend(); },
    lang: function () { return state.lang; }
  };
  window.rosKg = api;

  network.once("afterDrawing", function () {
    api.ready = true;
    api.settledAt = performance.now();
    document.documentElement.dataset.ready = "true";
  });
  setLang(state.lang);
  computeVisible();
  network.fit({ animation: false });
  if (DATA.focus && DATA.nodes[DATA.focus]) { select(DATA.focus); }
}());
