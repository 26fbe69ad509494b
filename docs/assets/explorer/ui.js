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

  function explorer(root) {
    var controller = new AbortController(), timer = 0;
    var ui = {
      q: root.querySelector(".lx-q"), low: root.querySelector(".lx-low"), high: root.querySelector(".lx-high"),
      sort: root.querySelector(".lx-sort"), facets: root.querySelector(".lx-facets"),
      status: root.querySelector(".lx-status"), count: root.querySelector(".lx-n"),
      rows: root.querySelector(".lx-rows"), more: root.querySelector(".lx-more"),
      bib: root.querySelector(".lx-bib"), csl: root.querySelector(".lx-csl"), clear: root.querySelector(".lx-clear"),
    };
    var signal = controller.signal;
    var resolve = function (name) { return new URL(root.getAttribute(name), location.href).href; };
    ui.status.textContent = "Loading the catalog…";
    X.fetchJson(resolve("data-data"), signal).then(function (data) {
      start(root, ui, X.buildIndex(data), resolve, signal, function (t) { clearTimeout(timer); timer = t; });
    }).catch(function (error) {
      if (error.name !== "AbortError") ui.status.textContent = "The explorer could not load its data: " + error.message;
    });
    return function () { controller.abort(); clearTimeout(timer); };
  }

  function start(root, ui, index, resolve, signal, setTimer) {
    var state = X.readState(index, location.search), shown = X.PAGE, result = null, detailsLoading = null;
    var boxes = drawFacets(ui.facets, index, state), byInput = new WeakMap();
    boxes.forEach(function (box) { byInput.set(box.input, box); });
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

    function details() {
      if (!detailsLoading) {
        detailsLoading = X.fetchJson(resolve("data-details"), signal).then(function (more) {
          index.details = more;
          more.papers.forEach(function (extra, p) { index.hay[p] += "\n" + X.fold(extra[0] + "\n" + extra[1]); });
          return more;
        });
      }
      return detailsLoading;
    }

    function refresh() {
      result = X.run(index, state);
      shown = X.PAGE;
      boxes.forEach(function (box) {
        var count = result.counts[box.v];
        box.count.textContent = String(count);
        box.item.classList.toggle("lx-zero", count === 0 && !box.input.checked);
      });
      drawRows();
      X.writeState(index, state);
    }

    function drawRows() {
      var total = index.data.papers.length, rows = document.createDocumentFragment(), order = X.order(index, state.sort);
      for (var i = 0, drawn = 0; i < order.length && drawn < shown; i++) {
        if (result.matched[order[i]]) { rows.appendChild(row(root, index, order[i])); drawn++; }
      }
      ui.rows.replaceChildren(rows);
      ui.status.textContent = result.total + " of " + total + " papers" + (drawn < result.total ? " (showing " + drawn + ")" : "");
      ui.count.textContent = String(result.total);
      ui.more.hidden = drawn >= result.total;
      ui.bib.disabled = ui.csl.disabled = result.total === 0;
    }

    function search() {
      state.q = ui.q.value.trim();
      refresh();
      if (state.q && !index.details) details().then(refresh, fail);
    }

    function fail(error) {
      if (error.name !== "AbortError") ui.status.textContent = "Could not load the papers' details: " + error.message;
    }

    function years() {
      var low = parseInt(ui.low.value, 10), high = parseInt(ui.high.value, 10);
      state.low = isNaN(low) ? index.low : low;
      state.high = isNaN(high) ? index.high : high;
      refresh();
    }

    function exportAs(format) {
      details().then(function (more) {
        var chosen = [];
        for (var p = 0; p < index.data.papers.length; p++) if (result.matched[p]) chosen.push(p);
        if (format === "bib") {
          X.download("papers.bib", "application/x-bibtex",
            chosen.map(function (p) { return X.bibtex(index.data, more, p); }).join("\n"));
        } else {
          X.download("papers.csl.json", "application/vnd.citationstyles.csl+json",
            JSON.stringify(chosen.map(function (p) { return X.cslItem(index.data, more, p); }), null, 2) + "\n");
        }
      }, fail);
    }

    ui.facets.addEventListener("change", function (event) {
      var box = byInput.get(event.target);
      if (!box) return;
      if (box.input.checked) state.chosen[box.f].add(box.v); else state.chosen[box.f].delete(box.v);
      refresh();
    });
    ui.q.addEventListener("input", function () { setTimer(setTimeout(search, X.DEBOUNCE_MS)); });
    ui.q.addEventListener("search", search);
    ui.low.addEventListener("change", years);
    ui.high.addEventListener("change", years);
    ui.sort.addEventListener("change", function () { state.sort = ui.sort.value; shown = X.PAGE; drawRows(); X.writeState(index, state); });
    ui.more.addEventListener("click", function () { shown += X.PAGE; drawRows(); });
    ui.bib.addEventListener("click", function () { exportAs("bib"); });
    ui.csl.addEventListener("click", function () { exportAs("csl"); });
    ui.clear.addEventListener("click", function () {
      state.chosen.forEach(function (set) { set.clear(); });
      boxes.forEach(function (box) { box.input.checked = false; });
      ui.q.value = state.q = "";
      ui.low.value = state.low = index.low;
      ui.high.value = state.high = index.high;
      refresh();
    });
    refresh();
    if (state.q) details().then(refresh, fail);
    root.classList.add("lx-ready");
  }

  function drawFacets(container, index, state) {
    var boxes = [];
    index.facets.forEach(function (facet, f) {
      var set = el("fieldset", "lx-facet"), list = el("ul");
      set.appendChild(el("legend", "", facet.label));
      facet.values.forEach(function (value, i) {
        var v = facet.start + i, item = el("li", "lx-depth-" + depth(facet, i));
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

  function row(root, index, p) {
    var data = index.data, paper = data.papers[p], tr = el("tr");
    var title = el("td", "lx-title"), link = el("a", "", paper[1]);
    link.href = root.getAttribute("data-papers").replace("{id}", encodeURIComponent(paper[0]));
    title.appendChild(link);
    var tags = paper[5].filter(function (v) { return index.facets[index.facetOf[v]].kind === "dimension"; });
    if (tags.length) title.appendChild(el("span", "lx-tags", tags.map(function (v) {
      var facet = index.facets[index.facetOf[v]];
      return facet.values[v - facet.start][1];
    }).join(" · ")));
    var names = paper[2].filter(function (a) { return a >= 0; }).map(function (a) { return data.names[a]; });
    var cut = names.length > 3 || names.length < paper[2].length;
    var authors = el("td", "lx-authors", names.length ? names.slice(0, 3).join(", ") + (cut ? " et al." : "") : "Authors unknown");
    authors.title = names.join(", ") + (names.length < paper[2].length ? " and others" : "");
    tr.append(title, authors, el("td", "lx-year", String(paper[3])),
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
