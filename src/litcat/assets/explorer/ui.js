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
    filters: ".lx-filters", results: ".lx-results", table: ".lx-results table", empty: ".lx-empty",
    reset: ".lx-reset", status: ".lx-status", count: ".lx-n", chosen: ".lx-chosen", rows: ".lx-rows",
    more: ".lx-more", bib: ".lx-bib", csl: ".lx-csl", clear: ".lx-clear", copy: ".lx-copy",
    note: ".lx-note", file: ".lx-file" };

  /* Starts the explorer in ``root``; returns what stops it (pending fetches, timers, listeners). */
  function explorer(root) {
    var controller = new AbortController(), ui = {};
    Object.keys(PARTS).forEach(function (key) { ui[key] = root.querySelector(PARTS[key]); });
    var view = { root: root, ui: ui, signal: controller.signal, timer: 0, skips: [], path: location.pathname };
    var stop = function () {
      controller.abort();
      clearTimeout(view.timer);
      view.skips.forEach(function (link) { link.remove(); });
    };
    // Browsers do not let a page opened from a file fetch the files next to it.
    if (location.protocol === "file:") {
      ui.file.hidden = false;
      root.querySelector(".lx-bar").hidden = root.querySelector(".lx-main").hidden = true;
      return stop;
    }
    ui.status.textContent = "Loading the catalog…";
    X.fetchJson(source(view, "data-data"), view.signal).then(function (data) {
      start(view, X.buildIndex(data));
    }).catch(function (error) { fail(view, "The explorer could not load its data", error); });
    return stop;
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
    if (matchMedia(NARROW).matches) view.ui.filters.open = false;
    setControls(view);
    wire(view);
    skipLinks(view);
    refresh(view);
    // A search from the link also reads the summaries, which come in a second file: the view
    // is ready once they are searched too, not while it shows title matches only.
    var ready = function () { view.root.classList.add("lx-ready"); };
    if (view.state.q) searchDetails(view).then(ready, ready);
    else ready();
  }

  function setControls(view) {
    var ui = view.ui, index = view.index;
    ui.low.min = ui.high.min = index.low;
    ui.low.max = ui.high.max = index.high;
    Object.keys(X.SORTS).forEach(function (key) {
      var option = el("option", "", X.SORTS[key]);
      option.value = key;
      ui.sort.appendChild(option);
    });
    setValues(view);
  }

  /* The controls show the state (on start, and when Back or Forward brings another one). */
  function setValues(view) {
    var ui = view.ui, state = view.state;
    ui.q.value = state.q;
    ui.low.value = state.low;
    ui.high.value = state.high;
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

  function searchDetails(view) {
    if (view.index.details) return Promise.resolve();
    return details(view).then(function () { refresh(view); }, function (e) { fail(view, "Search", e); });
  }

  /* Draws the view for the state. ``change`` says what the reader changed: each change is a
   * step that Back undoes (the keystrokes of one search make one step, and the order of the
   * rows is no step); "history" is Back or Forward itself; none is a redraw of the same view. */
  function refresh(view, change) {
    var state = view.state, result = X.run(view.index, state), picked = 0;
    view.result = result;
    view.shown = X.PAGE;
    view.boxes.forEach(function (box) {
      var count = result.counts[box.v], out = state.excluded[box.f].has(box.v);
      box.input.checked = state.chosen[box.f].has(box.v);
      box.not.setAttribute("aria-pressed", String(out));
      box.count.textContent = String(count);
      box.count.title = out ? count + " hidden by this exclusion" : "";
      box.item.classList.toggle("lx-out", out);
      box.item.classList.toggle("lx-zero", count === 0 && !box.input.checked && !out);
      if (box.input.checked || out) picked++;
    });
    view.ui.chosen.textContent = picked ? "(" + picked + " chosen)" : "";
    view.ui.note.textContent = "";
    drawRows(view);
    if (change === "history") return;
    var push = change !== undefined && change !== "sort" && !(change === "q" && view.last === "q");
    if (change !== undefined) view.last = change;
    X.writeState(view.index, state, push);
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
    ui.table.hidden = result.total === 0;
    ui.empty.hidden = result.total !== 0;
    ui.bib.disabled = ui.csl.disabled = result.total === 0;
  }

  function years(view) {
    var low = parseInt(view.ui.low.value, 10), high = parseInt(view.ui.high.value, 10);
    view.state.low = isNaN(low) ? view.index.low : low;
    view.state.high = isNaN(high) ? view.index.high : high;
    refresh(view, "year");
  }

  function clear(view) {
    var state = view.state, index = view.index;
    state.chosen.concat(state.excluded).forEach(function (set) { set.clear(); });
    state.q = "";
    state.low = index.low;
    state.high = index.high;
    setValues(view);
    refresh(view, "clear");
  }

  /* Include and exclude are the two states of one value: choosing one undoes the other. */
  function toggle(view, box, exclude) {
    var chosen = view.state.chosen[box.f], excluded = view.state.excluded[box.f];
    var on = exclude ? !excluded.has(box.v) : box.input.checked;
    chosen.delete(box.v);
    excluded.delete(box.v);
    if (on) (exclude ? excluded : chosen).add(box.v);
    refresh(view, "facet");
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

  function copyLink(view) {
    var note = view.ui.note, link = location.href;
    var shown = function () { note.textContent = "Copy this link: " + link; };
    if (!navigator.clipboard || !window.isSecureContext) return shown();
    navigator.clipboard.writeText(link).then(function () { note.textContent = "Link copied"; }, shown);
  }

  function wire(view) {
    var ui = view.ui, byInput = new WeakMap(), byButton = new WeakMap();
    view.boxes.forEach(function (box) { byInput.set(box.input, box); byButton.set(box.not, box); });
    ui.facets.addEventListener("change", function (event) {
      var box = byInput.get(event.target);
      if (box) toggle(view, box, false);
    });
    ui.facets.addEventListener("click", function (event) {
      var box = byButton.get(event.target.closest ? event.target.closest("button") : null);
      if (box) toggle(view, box, true);
    });
    ui.q.addEventListener("input", function () {
      clearTimeout(view.timer);
      view.timer = setTimeout(function () {
        view.state.q = ui.q.value.trim();
        refresh(view, "q");
        if (view.state.q) searchDetails(view);
      }, X.DEBOUNCE_MS);
    });
    ui.low.addEventListener("change", function () { years(view); });
    ui.high.addEventListener("change", function () { years(view); });
    ui.sort.addEventListener("change", function () { view.state.sort = ui.sort.value; refresh(view, "sort"); });
    ui.more.addEventListener("click", function () { view.shown += X.PAGE; drawRows(view); });
    ui.bib.addEventListener("click", function () { exportAs(view, "bib"); });
    ui.csl.addEventListener("click", function () { exportAs(view, "csl"); });
    ui.clear.addEventListener("click", function () { clear(view); });
    ui.reset.addEventListener("click", function () { clear(view); ui.q.focus(); });
    ui.copy.addEventListener("click", function () { copyLink(view); });
    // Back and Forward between states of this page; leaving it is Material's to handle.
    window.addEventListener("popstate", function () {
      if (location.pathname !== view.path) return;
      clearTimeout(view.timer);
      view.state = X.readState(view.index, location.search);
      view.last = undefined;
      setValues(view);
      refresh(view, "history");
      if (view.state.q) searchDetails(view);
    }, { signal: view.signal });
  }

  /* Links to the filters and to the results, right after Material's "Skip to content", so that
   * the keyboard reaches them before the header and the navigation. */
  function skipLinks(view) {
    var holder = document.querySelector("[data-md-component=skip]") || document.body;
    [["Skip to the filters", view.ui.facets], ["Skip to the results", view.ui.results]].forEach(function (pair) {
      var link = el("a", "md-skip lx-skip", pair[0]), target = pair[1];
      link.href = "#" + target.id;
      link.addEventListener("click", function (event) {
        // Material's instant navigation would take the click for a page change.
        event.preventDefault();
        event.stopPropagation();
        view.ui.filters.open = true;
        target.focus();
      });
      holder.appendChild(link);
      view.skips.push(link);
    });
  }

  function drawFacets(container, index, state) {
    var boxes = [];
    index.facets.forEach(function (facet, f) {
      var set = el("fieldset", "lx-facet"), list = el("ul");
      set.appendChild(el("legend", "", facet.label));
      facet.values.forEach(function (value, i) {
        var v = facet.start + i;
        // An attribute value no paper has (a "no" that the catalog never says) is only noise.
        if (facet.kind !== "dimension" && !index.totals[v] && !state.chosen[f].has(v) && !state.excluded[f].has(v)) return;
        var item = el("li", "lx-depth-" + depth(facet, i));
        var label = el("label"), input = el("input"), count = el("span", "lx-count");
        var not = el("button", "lx-not", "−");
        input.type = "checkbox";
        input.value = value[0];
        not.type = "button";
        not.setAttribute("aria-label", "Exclude " + value[1]);
        not.title = "Exclude: hide the papers with " + value[1];
        label.append(input, el("span", "lx-label", value[1]), count);
        item.append(label, not);
        list.appendChild(item);
        boxes.push({ f: f, v: v, input: input, not: not, count: count, item: item });
      });
      // A facet none of whose values any paper has (no code link in the whole catalog) would
      // be a heading over nothing.
      if (!list.children.length) return;
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
  // Material's document$ never emits on a page opened from a file (it completes instead), so
  // the page is also started when it loads; a second start on the same page does nothing.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(page);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", page);
  else page();
})();
