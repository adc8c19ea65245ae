// kgraph page script. All article strings reach the DOM through textContent only.
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);

  // ---------------------------------------------------------------- match keys
  // Mirrors kgraph.normalize.key + queries.name_keys: drop marks and tatweel, fold
  // alef forms / alef maqsura / teh marbuta, drop a leading ال, strip proclitics.
  var MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;
  var FOLD = { "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "\u06cc": "ي", "\u06a9": "ك" };
  var PUNCT = "«»\"'()[]{}،,.:؛;!?؟-–—/\\“”‘’…";

  function fold(s) {
    return String(s).replace(MARKS, "").replace(/[أإآٱىة\u06cc\u06a9]/g, function (c) { return FOLD[c]; });
  }
  function stripPunct(w) {
    var a = 0, b = w.length;
    while (a < b && PUNCT.indexOf(w[a]) >= 0) a++;
    while (b > a && PUNCT.indexOf(w[b - 1]) >= 0) b--;
    return w.slice(a, b);
  }
  function words(s) { return fold(s).split(/\s+/).map(stripPunct).filter(Boolean); }
  function key(s) {
    return words(s).map(function (w) {
      return w.indexOf("ال") === 0 && w.length > 3 ? w.slice(2) : w;
    }).join(" ").toLowerCase();
  }
  function cliticStems(w) {
    var out = [], starts = [0];
    function add(stem) { if (stem.length >= 2 && out.indexOf(stem) < 0) out.push(stem); }
    if ("وف".indexOf(w[0]) >= 0) starts.push(1);
    starts.slice().forEach(function (s) { if (w[s] && "بلك".indexOf(w[s]) >= 0) starts.push(s + 1); });
    starts.forEach(function (s) {
      add(w.slice(s));
      if (w.substr(s, 2) === "لل" && w.length - s > 4) add("ال" + w.slice(s + 2));
      if (w.substr(s, 2) === "ال" && w.length - s > 3) add(w.slice(s + 2));
    });
    return out;
  }
  function queryKeys(q) {
    var ws = words(q), keys = [key(q)];
    if (ws.length) {
      cliticStems(ws[0]).forEach(function (stem) {
        var k = key([stem].concat(ws.slice(1)).join(" "));
        if (k && keys.indexOf(k) < 0) keys.push(k);
      });
    }
    return keys.filter(Boolean);
  }

  // ---------------------------------------------------------------- DOM helpers
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function nodeName(id) {
    var n = nodes.get(id);
    return n ? (n.kg.name || n.kg.label || id) : id;
  }
  function tip(kg, extra) {
    var d = el("div", null, "kg-tip");
    d.appendChild(el("div", kg.name || kg.label || kg.id || ""));
    if (kg.label_en) d.appendChild(el("div", kg.label_en, "en"));
    d.appendChild(el("div", extra, "muted"));
    return d;
  }

  // ---------------------------------------------------------------- data and network
  DATA.nodes.forEach(function (n) {
    n.title = tip(n.kg, [n.kg.kind, n.kg.type, n.kg.day].filter(Boolean).join(" · "));
  });
  var nodes = new vis.DataSet(DATA.nodes);
  var edges = new vis.DataSet(DATA.edges);
  DATA.edges.forEach(function (e) {
    edges.update({ id: e.id, title: tip({ name: nodeName(e.from) + " ← " + nodeName(e.to) },
      e.kg.rel + " · " + e.kg.evidence_total) });
  });

  var relOn = {};
  DATA.relations.forEach(function (r) { relOn[r] = true; });
  var range = { from: "", to: "" };
  function inRange(days) {
    if (!days || !days.length || (!range.from && !range.to)) return true;
    return days.some(function (d) {
      d = String(d).slice(0, 10);
      return (!range.from || d >= range.from) && (!range.to || d <= range.to);
    });
  }
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return inRange(n.kg.day ? [n.kg.day] : []); } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return relOn[e.kg.rel] !== false && inRange(e.kg.days); } });
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, DATA.options);

  function applyFilters() {
    document.querySelectorAll(".rel-filter").forEach(function (box) { relOn[box.value] = box.checked; });
    range.from = document.getElementById("date-from").value || "";
    range.to = document.getElementById("date-to").value || "";
    nodeView.refresh();
    edgeView.refresh();
  }
  document.querySelectorAll(".rel-filter, #date-from, #date-to").forEach(function (input) {
    input.addEventListener("change", applyFilters);
  });
  document.getElementById("fit").addEventListener("click", function () { network.fit(); });

  // ---------------------------------------------------------------- side panel
  var panel = document.getElementById("panel");
  var LEGEND = {};
  Object.keys(DATA.edge_styles).forEach(function (r) { LEGEND[r] = DATA.edge_styles[r][2]; });
  var MAX_PANEL_EVIDENCE = 40;

  function evidenceBlock(list, total) {
    var box = el("div", null, "evidence");
    (list || []).forEach(function (ev) {
      var q = el("blockquote", ev.sentence, "ev");
      q.setAttribute("dir", "rtl");
      box.appendChild(q);
      var art = DATA.articles[ev.article] || {};
      var meta = el("div", null, "ev-meta");
      meta.appendChild(el("span", ["مقال · article " + ev.article, art.title, art.date, art.source]
        .filter(Boolean).join(" · ")));
      if (ev.text) meta.appendChild(el("div", "النص · text: " + ev.text));
      if (ev.condition) meta.appendChild(el("div", "الشرط · condition: " + ev.condition));
      if (ev.rule) meta.appendChild(el("div", "rule: " + ev.rule, "muted"));
      if (art.url && /^https?:\/\//i.test(art.url)) {
        var a = el("a", art.url);
        a.href = art.url;
        a.rel = "noopener noreferrer";
        a.target = "_blank";
        meta.appendChild(a);
      }
      box.appendChild(meta);
    });
    if (total > (list || []).length) box.appendChild(el("p", "+" + (total - list.length) + " …", "muted"));
    return box;
  }
  function facts(pairs) {
    var dl = el("dl");
    pairs.forEach(function (p) {
      if (p[1] === undefined || p[1] === null || p[1] === "" || (Array.isArray(p[1]) && !p[1].length)) return;
      dl.appendChild(el("dt", p[0]));
      dl.appendChild(el("dd", Array.isArray(p[1]) ? p[1].join("، ") : p[1]));
    });
    return dl;
  }
  function clear() { while (panel.firstChild) panel.removeChild(panel.firstChild); }

  function showNode(id) {
    var n = nodes.get(id);
    if (!n) return;
    var kg = n.kg;
    clear();
    panel.dataset.showing = "node:" + id;
    var h = el("h2", kg.name || kg.label || id);
    h.setAttribute("dir", "auto");
    panel.appendChild(h);
    if (kg.label_en) panel.appendChild(el("div", kg.label_en, "en"));
    var roles = kg.roles ? Object.keys(kg.roles).map(function (p) { return nodeName(p) + ": " + kg.roles[p]; }) : [];
    panel.appendChild(facts([["النوع · kind", [kg.kind, kg.type].filter(Boolean).join(" · ")],
      ["الأسماء · aliases", kg.aliases], ["الذكر · mentions", kg.mentions],
      ["المقالات · articles", kg.n_articles], ["الحالة · status", kg.status],
      ["الصيغة · mode", kg.mode], ["التاريخ · date", kg.date || kg.reported],
      ["المكان · place", kg.place ? nodeName(kg.place) : null],
      ["المشاركون · participants", (kg.participants || []).map(nodeName)],
      ["الأدوار · roles", roles], ["العنوان · title", kg.title], ["المصدر · source", kg.source],
      ["id", id]]));
    if (kg.evidence) {
      panel.appendChild(el("h3", "الأدلة · evidence"));
      panel.appendChild(evidenceBlock(kg.evidence, kg.evidence_total));
      return;
    }
    var shown = 0;
    network.getConnectedEdges(id).forEach(function (eid) {
      var e = edges.get(eid);
      if (!e || shown >= MAX_PANEL_EVIDENCE) return;
      var other = e.from === id ? e.to : e.from;
      panel.appendChild(el("h3", e.kg.rel + " · " + nodeName(other)));
      var list = e.kg.evidence.slice(0, MAX_PANEL_EVIDENCE - shown);
      shown += list.length;
      panel.appendChild(evidenceBlock(list, e.kg.evidence_total));
    });
  }

  function showEdge(id) {
    var e = edges.get(id);
    if (!e) return;
    var kg = e.kg;
    clear();
    panel.dataset.showing = "edge:" + id;
    panel.appendChild(el("h2", (LEGEND[kg.rel] || kg.rel)));
    panel.appendChild(facts([["من · from", nodeName(e.from)], ["إلى · to", nodeName(e.to)],
      ["العلاقة · relation", kg.rel], ["الدور · role", kg.role],
      ["الموقف · stance", kg.stance], ["الطرف المستهدف · target", kg.target_actor ? nodeName(kg.target_actor) : null],
      ["النصوص · texts", kg.texts], ["المرات · count", kg.count], ["التواريخ · dates", kg.dates],
      ["الأماكن · places", (kg.places || []).map(nodeName)], ["الصيغ · modes", kg.modes]]));
    panel.appendChild(el("h3", "الأدلة · evidence"));
    panel.appendChild(evidenceBlock(kg.evidence, kg.evidence_total));
  }

  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });

  // ---------------------------------------------------------------- search
  var INDEX = {}, PRIORITY = { actor: 0, location: 1, topic: 2 };
  DATA.nodes.forEach(function (n) {
    (n.kg.keys || []).forEach(function (k) { (INDEX[k] = INDEX[k] || []).push(n.id); });
  });
  function rank(ids) {
    return ids.slice().sort(function (a, b) {
      var pa = PRIORITY[nodes.get(a).kg.kind], pb = PRIORITY[nodes.get(b).kg.kind];
      pa = pa === undefined ? 9 : pa; pb = pb === undefined ? 9 : pb;
      return pa - pb || (a < b ? -1 : a > b ? 1 : 0);
    });
  }
  function find(q) {
    var keys = queryKeys(q);
    for (var i = 0; i < keys.length; i++) if (INDEX[keys[i]]) return rank(INDEX[keys[i]]);
    if (!keys.length) return [];
    var hits = [];
    Object.keys(INDEX).forEach(function (k) {
      if (k.indexOf(keys[0]) >= 0) INDEX[k].forEach(function (id) { if (hits.indexOf(id) < 0) hits.push(id); });
    });
    return rank(hits);
  }
  var status = document.getElementById("search-status");
  function search(q) {
    var hits = find(q);
    if (!hits.length) { status.textContent = "لا نتيجة · not found"; return null; }
    var id = hits[0];
    status.textContent = hits.length > 1 ? hits.length + " نتائج · matches" : "";
    if (nodeView.get(id) === null) { // hidden by a filter: clear the filters first
      document.getElementById("date-from").value = "";
      document.getElementById("date-to").value = "";
      applyFilters();
    }
    network.selectNodes([id]);
    network.focus(id, { scale: 1.2, animation: false });
    showNode(id);
    return id;
  }
  document.getElementById("search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    search(document.getElementById("search").value);
  });
  var names = document.getElementById("names"), seen = {};
  DATA.nodes.forEach(function (n) {
    if (n.kg.kind !== "actor") return;
    [n.kg.name].concat(n.kg.aliases || []).forEach(function (s) {
      if (!s || seen[s]) return;
      seen[s] = true;
      var o = document.createElement("option");
      o.value = s;
      names.appendChild(o);
    });
  });

  window.kgraph = { data: DATA, network: network, nodes: nodes, edges: edges, nodeView: nodeView,
    edgeView: edgeView, key: key, queryKeys: queryKeys, find: find, search: search,
    showNode: showNode, showEdge: showEdge, applyFilters: applyFilters };
})();
