/* litcat comparison tables: a click on a column's header button sorts the rows by that column.
 *
 * Cells sort by their data-sort attribute when they have one (numbers), else by their text;
 * empty cells stay last in both directions. Rows are moved, never rebuilt, so no record text is
 * ever parsed. Started on every page Material's instant navigation emits (document$).
 */
(function () {
  "use strict";

  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  function key(row, column) {
    var cell = row.cells[column];
    if (!cell) return "";
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
  }

  function compare(a, b) {
    if (a === "" || b === "") return (a === "") - (b === "");
    var x = Number(a), y = Number(b);
    if (!isNaN(x) && !isNaN(y)) return x - y;
    return collator.compare(a, b);
  }

  function sortBy(table, column, header) {
    var body = table.tBodies[0];
    var descending = header.getAttribute("aria-sort") === "ascending";
    var rows = Array.prototype.map.call(body.rows, function (row, i) { return { row: row, key: key(row, column), i: i }; });
    rows.sort(function (a, b) {
      var empty = (a.key === "") - (b.key === "");
      if (empty) return empty;
      return (descending ? compare(b.key, a.key) : compare(a.key, b.key)) || a.i - b.i;
    });
    rows.forEach(function (item) { body.appendChild(item.row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.setAttribute("aria-sort", "none"); });
    header.setAttribute("aria-sort", descending ? "descending" : "ascending");
  }

  function sortable(table) {
    // document$ may emit again for the same content: wire each table once.
    if (table.hasAttribute("data-litcat-ready")) return;
    table.setAttribute("data-litcat-ready", "");
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, column) {
      var button = header.querySelector("button");
      if (button) button.addEventListener("click", function () { sortBy(table, column, header); });
    });
  }

  function page() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-litcat-compare]"), sortable);
  }
  // Material's document$ never emits on a page opened from a file (it completes instead), so
  // the page is also started when it loads; a second start on the same page does nothing.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(page);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", page);
  else page();
})();
