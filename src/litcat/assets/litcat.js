/* Names for two parts of Material's interface that have none, for readers of a screen reader:
 * the search dialog, and the tool bar of each code block (a <nav>, so a landmark, and several
 * landmarks of one kind on a page must differ by name). Material draws the tool bars once the
 * page has loaded, and again after each instant navigation, so they are named as they come. */
(function () {
  "use strict";

  function name() {
    var search = document.querySelector(".md-search[role=dialog]");
    if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search");
    document.querySelectorAll(".md-code__nav").forEach(function (nav, i) {
      var label = "Code block " + (i + 1);
      if (nav.getAttribute("aria-label") !== label) nav.setAttribute("aria-label", label);
    });
  }

  var pending = false;
  function later() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; name(); });
  }

  name();
  new MutationObserver(function (changes) {
    for (var i = 0; i < changes.length; i++) {
      var added = changes[i].addedNodes;
      for (var j = 0; j < added.length; j++) {
        var node = added[j];
        if (node.nodeType === 1 && (node.matches(".md-code__nav, .md-search") ||
            node.querySelector(".md-code__nav"))) return later();
      }
    }
  }).observe(document.body, { childList: true, subtree: true });
})();
