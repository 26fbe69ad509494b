/* litcat explorer, page: draws the facets and the rows, and wires the controls to core.js.
 *
 * Record text reaches the page through textContent only; the only links made are to the site's
 * own paper pages. Material's instant navigation swaps pages without reloading scripts, so the
 * explorer starts on every page emitted by document$ and tears down the previous one.
 */
(function () {
  "use strict";

  var X = window.litcatExplorer;
  var el = X.el;
  var NARROW = "(max-width: 44.9375em)";  // where explorer.css stacks the filters over the rows
  var PARTS = { q: ".lx-q", low: ".lx-low", high: ".lx-high", sort: ".lx-sort", facets: ".lx-facets",
    status: ".lx-status", count: ".lx-n", chosen: ".lx-chosen", rows: ".lx-rows", more: ".lx-more", bib: ".lx-bib", csl: ".lx-csl",
    clear: ".lx-clear" };

  /* Starts the explorer in ``root``; returns what stops it (pending fetches and timers). */
  function explorer(root) {
    var controller = new AbortController(), ui = {};
    Object.keys(PARTS).forEach(function (key) { ui[key] = root.querySelector(PARTS[key]); });
    var view = { root: root, ui: ui, signal: controller.signal, timer: 0 };
    ui.status.textContent = "Loading the catalog…";
    X.fetchJson(source(view, "data-data"), view.signal).then(function (data) {
      start(view, X.buildIndex(data));
    }).catch(function (error) { fail(view, "The explorer could not load its data", error); });
    return function () { controller.abort(); clearTimeout(view.timer); };
  }

  function source(view, attribute) {
    return new URL(view.root.getAttribute(attribute), location.href).href;
  }

  function fail(view, what, error) {
    if (error.name !== "AbortError") view.ui.status.textContent = what + ": " + error.message;
  }

  function start(view, index) {
    view.index = index;
    view.state = X.readState(index, location.search);
    view.shown = X.PAGE;
    view.boxes = drawFacets(view.ui.facets, index, view.state);
    // On a phone the filters would push the papers a few screens down: they start folded.
    if (matchMedia(NARROW).matches) view.root.querySelector(".lx-filters").open = false;
    setControls(view);
    wire(view);
    refresh(view);
    if (view.state.q) details(view).then(function () { refresh(view); }, function (e) { fail(view, "Search", e); });
    view.root.classList.add("lx-ready");
  }

  function setControls(view) {
    var ui = view.ui, index = view.index, state = view.state;
    ui.q.value = state.q;
    ui.low.min = ui.high.min = index.low;
    ui.low.max = ui.high.max = index.high;
    ui.low.value = state.low;
    ui.high.value = state.high;
    Object.keys(X.SORTS).forEach(function (key) {
      var option = el("option", "", X.SORTS[key]);
      option.value = key;
      ui.sort.appendChild(option);
    });
    ui.sort.value = state.sort;
  }

  /* Summaries and text attributes, fetched once, on the first search or export. */
  function details(view) {
    var index = view.index;
    if (!view.details) {
      view.details = X.fetchJson(source(view, "data-details"), view.signal).then(function (more) {
        index.details = more;
        more.papers.forEach(function (extra, p) { index.hay[p] += "\n" + X.fold(extra[0] + "\n" + extra[1]); });
        return more;
      });
    }
    return view.details;
  }

  function refresh(view) {
    view.result = X.run(view.index, view.state);
    view.shown = X.PAGE;
    view.boxes.forEach(function (box) {
      var count = view.result.counts[box.v];
      box.count.textContent = String(count);
      box.item.classList.toggle("lx-zero", count === 0 && !box.input.checked);
    });
    var chosen = view.state.chosen.reduce(function (sum, set) { return sum + set.size; }, 0);
    view.ui.chosen.textContent = chosen ? "(" + chosen + " chosen)" : "";
    drawRows(view);
    X.writeState(view.index, view.state);
  }

  function drawRows(view) {
    var ui = view.ui, result = view.result, order = X.order(view.index, view.state.sort);
    var rows = document.createDocumentFragment(), drawn = 0;
    for (var i = 0; i < order.length && drawn < view.shown; i++) {
      if (result.matched[order[i]]) { rows.appendChild(row(view, order[i])); drawn++; }
    }
    ui.rows.replaceChildren(rows);
    ui.status.textContent = result.total + " of " + view.index.data.papers.length + " papers" +
      (drawn < result.total ? " (showing " + drawn + ")" : "");
    ui.count.textContent = String(result.total);
    ui.more.hidden = drawn >= result.total;
    ui.bib.disabled = ui.csl.disabled = result.total === 0;
  }

  function search(view) {
    view.state.q = view.ui.q.value.trim();
    refresh(view);
    if (view.state.q && !view.index.details) {
      details(view).then(function () { refresh(view); }, function (e) { fail(view, "Search", e); });
    }
  }

  function years(view) {
    var low = parseInt(view.ui.low.value, 10), high = parseInt(view.ui.high.value, 10);
    view.state.low = isNaN(low) ? view.index.low : low;
    view.state.high = isNaN(high) ? view.index.high : high;
    refresh(view);
  }

  function clear(view) {
    var ui = view.ui, state = view.state, index = view.index;
    state.chosen.forEach(function (set) { set.clear(); });
    view.boxes.forEach(function (box) { box.input.checked = false; });
    ui.q.value = state.q = "";
    ui.low.value = state.low = index.low;
    ui.high.value = state.high = index.high;
    refresh(view);
  }

  /* The chosen papers in id order, as litcat.formats.bibtex and .csl write them. */
  function exportAs(view, format) {
    details(view).then(function (more) {
      var data = view.index.data, chosen = [];
      for (var p = 0; p < data.papers.length; p++) if (view.result.matched[p]) chosen.push(p);
      if (format === "bib") {
        X.download("papers.bib", "application/x-bibtex",
          chosen.map(function (p) { return X.bibtex(data, more, p); }).join("\n"));
      } else {
        X.download("papers.csl.json", "application/vnd.citationstyles.csl+json",
          JSON.stringify(chosen.map(function (p) { return X.cslItem(data, more, p); }), null, 2) + "\n");
      }
    }, function (e) { fail(view, "Export", e); });
  }

  function wire(view) {
    var ui = view.ui, byInput = new WeakMap();
    view.boxes.forEach(function (box) { byInput.set(box.input, box); });
    ui.facets.addEventListener("change", function (event) {
      var box = byInput.get(event.target);
      if (!box) return;
      if (box.input.checked) view.state.chosen[box.f].add(box.v); else view.state.chosen[box.f].delete(box.v);
      refresh(view);
    });
    ui.q.addEventListener("input", function () {
      clearTimeout(view.timer);
      view.timer = setTimeout(function () { search(view); }, X.DEBOUNCE_MS);
    });
    ui.low.addEventListener("change", function () { years(view); });
    ui.high.addEventListener("change", function () { years(view); });
    ui.sort.addEventListener("change", function () {
      view.state.sort = ui.sort.value;
      view.shown = X.PAGE;
      drawRows(view);
      X.writeState(view.index, view.state);
    });
    ui.more.addEventListener("click", function () { view.shown += X.PAGE; drawRows(view); });
    ui.bib.addEventListener("click", function () { exportAs(view, "bib"); });
    ui.csl.addEventListener("click", function () { exportAs(view, "csl"); });
    ui.clear.addEventListener("click", function () { clear(view); });
  }

  function drawFacets(container, index, state) {
    var boxes = [];
    index.facets.forEach(function (facet, f) {
      var set = el("fieldset", "lx-facet"), list = el("ul");
      set.appendChild(el("legend", "", facet.label));
      facet.values.forEach(function (value, i) {
        var v = facet.start + i;
        // An attribute value no paper has (a "no" that the catalog never says) is only noise.
        if (facet.kind !== "dimension" && !index.totals[v] && !state.chosen[f].has(v)) return;
        var item = el("li", "lx-depth-" + depth(facet, i));
        var label = el("label"), input = el("input"), count = el("span", "lx-count");
        input.type = "checkbox";
        input.value = value[0];
        input.checked = state.chosen[f].has(v);
        label.append(input, el("span", "lx-label", value[1]), count);
        item.appendChild(label);
        list.appendChild(item);
        boxes.push({ f: f, v: v, input: input, count: count, item: item });
      });
      set.appendChild(list);
      container.appendChild(set);
    });
    return boxes;
  }

  function depth(facet, i) {
    var d = 0;
    for (var up = facet.values[i][2]; up >= 0; up = facet.values[up][2]) d++;
    return d;
  }

  function row(view, p) {
    var index = view.index, data = index.data, paper = data.papers[p], tr = el("tr");
    var title = el("td", "lx-title"), link = el("a", "", paper[1]);
    link.href = view.root.getAttribute("data-papers").replace("{id}", encodeURIComponent(paper[0]));
    title.appendChild(link);
    if (paper[6]) title.appendChild(el("span", "lx-short", paper[6]));
    var tags = paper[5].filter(function (v) { return index.facets[index.facetOf[v]].kind === "dimension"; });
    if (tags.length) {
      title.appendChild(el("span", "lx-tags", tags.map(function (v) {
        var facet = index.facets[index.facetOf[v]];
        return facet.values[v - facet.start][1];
      }).join(" · ")));
    }
    var names = paper[2].filter(function (a) { return a >= 0; }).map(function (a) { return data.names[a]; });
    var incomplete = names.length < paper[2].length, cut = names.length > 3 || incomplete;
    var authors = el("td", "lx-authors",
      names.length ? names.slice(0, 3).join(", ") + (cut ? " et al." : "") : "Authors unknown");
    authors.title = names.join(", ") + (incomplete && names.length ? " and others" : "");
    tr.append(title, authors, el("td", "lx-year", paper[3] ? String(paper[3]) : ""),
      el("td", "lx-venue", paper[4] < 0 ? "" : data.venues[paper[4]][0]));
    return tr;
  }

  var current = null, teardown = null;
  function page() {
    var root = document.querySelector("[data-litcat-explorer]");
    // document$ may emit again for the same content: keep the explorer that is running there.
    if (root && root === current) return;
    if (teardown) teardown();
    current = root;
    teardown = root ? explorer(root) : null;
  }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(page);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", page);
  else page();
})();
