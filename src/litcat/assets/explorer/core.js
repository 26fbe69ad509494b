/* litcat explorer, logic: the index, one-pass filtering and counting, URL state and exports.
 *
 * Reads the compact data that litcat.formats.explorer writes (its docstring gives the format).
 * No DOM work here except building nodes for text (el) and downloads; ui.js draws the page with
 * these.
 */
(function () {
  "use strict";

  var FORMAT = 2;
  var PAGE = 100;
  var DEBOUNCE_MS = 200;
  var SORTS = { year: "Newest first", "year-asc": "Oldest first", title: "Title A-Z", "title-desc": "Title Z-A" };
  // The search is "search", not "q": Material takes ?q= for its own search box, opens it and
  // drops the parameter when it closes. No facet may take these names.
  var RESERVED = { search: 1, q: 1, year: 1, sort: 1 };
  var LATEX = { "\\": "\\textbackslash{}", "{": "\\{", "}": "\\}", "&": "\\&", "%": "\\%", "$": "\\$",
    "#": "\\#", _: "\\_", "~": "\\textasciitilde{}", "^": "\\textasciicircum{}" };
  var CSL_TYPES = { article: "article-journal", inproceedings: "paper-conference" };
  // Search terms this short match at the start of a word only: "rl" is a word in "offline RL"
  // and "RLHF", not a piece of "world" or "controller".
  var SHORT_TERM = 3;
  var WORD_CHAR = /[\p{L}\p{N}]/u;
  var NOT = "-";  // in the URL, an excluded value: ?method=tracking,-radar
  var LIGATURE = /-(?=-)|`(?=`)|'(?=')|[!?](?=`)/g;
  var AND = /(?:^|\s)(?:and|others)(?:\s|$)/i;

  /* URL state names keys of these tables: only their own keys count (?sort=constructor). */
  function own(object, key) {
    return key !== null && Object.prototype.hasOwnProperty.call(object, key);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function fetchJson(url, signal) {
    return fetch(url, { signal: signal }).then(function (response) {
      if (!response.ok) throw new Error(url + ": HTTP " + response.status);
      return response.json();
    }).then(function (data) {
      if (data.format !== FORMAT) throw new Error(url + ": unknown data format " + data.format);
      return data;
    });
  }

  /* -- the index: everything precomputed once, so that a filter is one pass over the papers -- */

  function buildIndex(data) {
    var facets = [], facetOf = [], parent = [], valueAt = {};
    data.facets.forEach(function (facet, f) {
      var start = facetOf.length;
      facets.push({ id: facet.id, label: facet.label, kind: facet.kind, values: facet.values, start: start });
      facet.values.forEach(function (value, i) {
        valueAt[facet.id + "\u0000" + value[0]] = start + i;
        facetOf.push(f);
        parent.push(value[2] < 0 ? -1 : start + value[2]);
      });
    });
    var n = data.papers.length, offsets = new Uint32Array(n + 1), flat = [];
    var years = new Int16Array(n), hay = new Array(n);
    var names = data.names.map(fold), venues = data.venues.map(function (v) { return fold(v[0]); });
    data.papers.forEach(function (paper, p) {
      var seen = {};
      paper[5].forEach(function (v) {
        for (; v >= 0 && !seen[v]; v = parent[v]) { seen[v] = 1; flat.push(v); }
      });
      offsets[p + 1] = flat.length;
      years[p] = paper[3];
      hay[p] = [fold(paper[1]), paper[0], fold(paper[6])].concat(paper[2].map(function (a) { return a < 0 ? "" : names[a]; }),
        paper[4] < 0 ? [] : [venues[paper[4]]]).join("\n");
    });
    // 0 is a year no source gives: it takes no part in the range.
    var known = years.filter(function (y) { return y > 0; });
    var low = known.length ? known.reduce(function (a, b) { return Math.min(a, b); }) : 0;
    var high = known.length ? known.reduce(function (a, b) { return Math.max(a, b); }) : 0;
    var totals = new Int32Array(facetOf.length);
    flat.forEach(function (v) { totals[v]++; });
    return { data: data, facets: facets, facetOf: Int32Array.from(facetOf), valueAt: valueAt,
      offsets: offsets, values: Int32Array.from(flat), years: years, hay: hay, low: low, high: high,
      totals: totals, orders: Object.create(null), details: null };
  }

  function order(index, sort) {
    if (own(index.orders, sort)) return index.orders[sort];
    var papers = index.data.papers, keys = papers.map(function (p) { return fold(p[1]); });
    var ids = papers.map(function (_, i) { return i; });
    var byTitle = function (a, b) { return keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : a - b; };
    var compare = {
      year: function (a, b) { return papers[b][3] - papers[a][3] || byTitle(a, b); },
      "year-asc": function (a, b) { return papers[a][3] - papers[b][3] || byTitle(a, b); },
      title: byTitle,
      "title-desc": function (a, b) { return byTitle(b, a); },
    }[sort];
    index.orders[sort] = Int32Array.from(ids.sort(compare));
    return index.orders[sort];
  }

  /* Filters and counts in one pass. A value's count is the number of papers that would match if
   * it were the only value chosen in its facet: papers failing no facet count for all their
   * values, papers failing exactly one facet count for the values of that facet only. An
   * excluded value hides every paper that has it (or a value under it), and counts the papers
   * that it alone hides. */
  function run(index, state) {
    var n = index.data.papers.length, facetOf = index.facetOf, values = index.values;
    var offsets = index.offsets, chosen = new Uint8Array(facetOf.length), banned = new Uint8Array(facetOf.length);
    var active = [], counts = new Int32Array(facetOf.length), stamp = new Int32Array(index.facets.length);
    var matched = new Uint8Array(n), total = 0;
    state.chosen.forEach(function (set, f) {
      if (set.size) active.push(f);
      set.forEach(function (v) { chosen[v] = 1; });
    });
    state.excluded.forEach(function (set) { set.forEach(function (v) { banned[v] = 1; }); });
    var terms = searchTerms(state.q);
    // A paper of unknown year is shown until the range is narrowed.
    var narrowed = state.low > index.low || state.high < index.high;
    for (var p = 0; p < n; p++) {
      var year = index.years[p];
      var outside = year ? year < state.low || year > state.high : narrowed;
      if (outside || !hasTerms(index.hay[p], terms)) continue;
      var start = offsets[p], end = offsets[p + 1], k, misses = 0, missed = -1, hit = -1;
      for (k = start; k < end; k++) {
        if (chosen[values[k]]) stamp[facetOf[values[k]]] = p + 1;
        if (banned[values[k]]) { misses++; hit = values[k]; }
      }
      for (var a = 0; a < active.length && misses < 2; a++) {
        if (stamp[active[a]] !== p + 1) { misses++; missed = active[a]; }
      }
      if (misses === 0) {
        matched[p] = 1;
        total++;
        for (k = start; k < end; k++) counts[values[k]]++;
      } else if (misses === 1 && hit >= 0) {
        counts[hit]++;
      } else if (misses === 1) {
        for (k = start; k < end; k++) if (facetOf[values[k]] === missed) counts[values[k]]++;
      }
    }
    return { matched: matched, total: total, counts: counts };
  }

  function searchTerms(q) {
    return fold(q).split(/\s+/).filter(Boolean).map(function (term) {
      return { text: term, short: term.length <= SHORT_TERM };
    });
  }

  function hasTerms(text, terms) {
    for (var i = 0; i < terms.length; i++) {
      var term = terms[i];
      if (term.short ? !startsWord(text, term.text) : text.indexOf(term.text) < 0) return false;
    }
    return true;
  }

  /* Whether ``term`` starts a word of ``text``: a plain search, then a look at the character
   * before each place found (a regular expression over every paper is ten times slower). */
  function startsWord(text, term) {
    for (var at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
      if (at === 0 || !WORD_CHAR.test(text.charAt(at - 1))) return true;
    }
    return false;
  }

  /* -- state <-> URL: ?<facet>=<value>,-<excluded value>&search=...&year=2019-2024&sort=... -- */

  function readState(index, search) {
    var params = new URLSearchParams(search);
    var state = { chosen: index.facets.map(function () { return new Set(); }),
      excluded: index.facets.map(function () { return new Set(); }), q: params.get("search") || "",
      low: index.low, high: index.high, sort: own(SORTS, params.get("sort")) ? params.get("sort") : "year" };
    index.facets.forEach(function (facet, f) {
      if (own(RESERVED, facet.id)) return;
      (params.get(facet.id) || "").split(",").forEach(function (id) {
        var not = id.charAt(0) === NOT, v = index.valueAt[facet.id + "\u0000" + (not ? id.slice(1) : id)];
        if (v !== undefined) (not ? state.excluded : state.chosen)[f].add(v);
      });
    });
    var years = /^(\d*)-?(\d*)$/.exec(params.get("year") || "");
    if (years && years[0]) {
      var single = years[0].indexOf("-") < 0;
      if (years[1]) state.low = +years[1];
      if (years[2] || single) state.high = +(years[2] || years[1]);
    }
    return state;
  }

  function stateUrl(index, state) {
    var parts = [];
    index.facets.forEach(function (facet, f) {
      var ids = [];
      state.chosen[f].forEach(function (v) { ids.push(encodeURIComponent(facet.values[v - facet.start][0])); });
      state.excluded[f].forEach(function (v) { ids.push(NOT + encodeURIComponent(facet.values[v - facet.start][0])); });
      if (ids.length) parts.push(encodeURIComponent(facet.id) + "=" + ids.join(","));
    });
    if (state.q) parts.push("search=" + encodeURIComponent(state.q));
    if (state.low > index.low || state.high < index.high) {
      parts.push("year=" + (state.low > index.low ? state.low : "") + "-" + (state.high < index.high ? state.high : ""));
    }
    if (state.sort !== "year") parts.push("sort=" + state.sort);
    return location.pathname + (parts.length ? "?" + parts.join("&") : "") + location.hash;
  }

  /* The URL holds the view. A change the reader may want to undo with Back is a new history
   * entry (``push``); anything else replaces the current one, keeping Material's state (the
   * scroll offset it restores). */
  function writeState(index, state, push) {
    var url = stateUrl(index, state);
    if (url === location.pathname + location.search + location.hash) return;
    if (push) history.pushState(null, "", url);
    else history.replaceState(history.state, "", url);
  }

  /* -- exports, matching litcat.formats.bibtex ----------------------------------------------- */

  function latex(text, grouped) {
    var escaped = text.replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029]/g, " ").replace(/[\\{}&%$#_~^]/g, function (c) {
      return grouped ? "{" + LATEX[c] + "}" : LATEX[c];
    });
    return escaped.replace(LIGATURE, "$&{}");
  }

  function verbatim(text) {
    return text.replace(/[{}\\"\s\x00-\x1f\x7f-\x9f]/g, function (c) { return encodeURIComponent(c); });
  }

  /* "John Smith, Jr." as "Smith, Jr., John", which BibTeX reads back the same. */
  function bibName(name) {
    var cut = name.lastIndexOf(", ");
    if (cut < 0) return AND.test(name) ? "{" + latex(name, true) + "}" : latex(name, true);
    var words = name.slice(0, cut).split(" "), start = words.length - 1;
    if (words.length < 2) return "{" + latex(name, true) + "}";
    for (var i = 0; i < words.length - 1; i++) {
      var c = words[i].charAt(0);
      if (c && c === c.toLowerCase() && c !== c.toUpperCase()) { start = i; break; }
    }
    if (!start) return "{" + latex(name, true) + "}";
    var parts = [words.slice(start).join(" "), name.slice(cut + 2), words.slice(0, start).join(" ")];
    return parts.map(function (part) {
      var text = latex(part, true);
      return AND.test(name) && text ? "{" + text + "}" : text;
    }).join(", ");
  }

  function entryKind(data, paper) {
    return paper[4] < 0 ? "misc" : data.venues[paper[4]][1];
  }

  function bibtex(data, details, p) {
    var paper = data.papers[p], more = details.papers[p], kind = entryKind(data, paper);
    var authors = paper[2].map(function (a) { return a < 0 ? "others" : bibName(data.names[a]); });
    var fields = [["title", paper[1]]];
    // "others" alone says that no author is known.
    if (authors.length) fields.push(["author", authors.join(" and ")]);
    // The venue's year is cited; origdate keeps the first public version's, as litcat writes it.
    if (paper[7]) fields.push(["year", String(paper[7])]);
    if (paper[3] && paper[7] !== paper[3]) fields.push(["origdate", String(paper[3])]);
    if (paper[4] >= 0) fields.push([kind === "article" ? "journal" : "booktitle", data.venues[paper[4]][0]]);
    if (more[2]) fields.push(["eprint", more[2]], ["archiveprefix", "arXiv"]);
    if (more[3]) fields.push(["doi", more[3]]);
    if (more[4]) fields.push(["url", more[4]]);
    var lines = ["@" + kind + "{" + paper[0].replace(/[^a-z0-9-]/g, "-") + ","];
    fields.forEach(function (field) {
      var name = field[0], value = field[1];
      var text = name === "author" ? value : /^(doi|url|eprint)$/.test(name) ? verbatim(value) : latex(value);
      lines.push("  " + name + " = {" + text + "},");
    });
    return lines.concat("}").join("\n") + "\n";
  }

  function cslItem(data, details, p) {
    var paper = data.papers[p], more = details.papers[p], kind = entryKind(data, paper);
    var item = { id: paper[0], type: CSL_TYPES[kind] || "article", title: paper[1],
      author: paper[2].filter(function (a) { return a >= 0; }).map(function (a) {
        var name = data.names[a], given = details.given[a], words = name.split(/\s+/);
        if (!given) return { literal: name };
        return { family: words.slice(given).join(" "), given: words.slice(0, given).join(" ") };
      }) };
    if (paper[7]) item.issued = { "date-parts": [[paper[7]]] };
    if (paper[3] && paper[7] !== paper[3]) item["original-date"] = { "date-parts": [[paper[3]]] };
    if (paper[4] >= 0) item["container-title"] = data.venues[paper[4]][0];
    else if (more[2]) { item.publisher = "arXiv"; item.number = "arXiv:" + more[2]; }
    if (more[3]) item.DOI = more[3];
    if (more[4]) item.URL = more[4];
    return item;
  }

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = el("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  window.litcatExplorer = { buildIndex: buildIndex, run: run, readState: readState, writeState: writeState,
    order: order, bibtex: bibtex, cslItem: cslItem, download: download, el: el, fold: fold,
    fetchJson: fetchJson, SORTS: SORTS, PAGE: PAGE, DEBOUNCE_MS: DEBOUNCE_MS };
})();
