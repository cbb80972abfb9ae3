// htpm serve's review layer (never part of the published site): marks each lint finding beside
// the words it flags, and reloads the page when the kit is rebuilt (server-sent events).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("htpm-review-data").textContent);
  var main = document.getElementById("main");

  function mark(flag) {
    if (!main || !flag.match) { return; }
    var walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      if (node.parentNode.closest(".htpm-flag, .htpm-note, script, style")) { continue; }
      var at = node.nodeValue.indexOf(flag.match);
      if (at < 0) { continue; }
      var hit = node.splitText(at);
      hit.splitText(flag.match.length);
      var flagged = document.createElement("mark");
      flagged.className = "htpm-flag htpm-" + flag.severity;
      hit.parentNode.replaceChild(flagged, hit);
      flagged.appendChild(hit);
      var note = document.createElement("span");
      note.className = "htpm-note";
      note.textContent = flag.where + " " + flag.rule + ": " + flag.message;
      flagged.after(note);
      return;
    }
  }
  data.flags.forEach(mark);

  if (window.EventSource) {
    var source = new EventSource("/_htpm/events");
    source.onmessage = function (event) {
      if (Number(event.data) !== data.generation) { source.close(); window.location.reload(); }
    };
  }
})();
