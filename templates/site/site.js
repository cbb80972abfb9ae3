// The microsite's one script: copy buttons. No build step, no library; works from file:// and
// from any web server. The text copied is the element's text exactly as htpm wrote it.
(function () {
  "use strict";
  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (e) { done = false; }
    document.body.removeChild(area);
    return done;
  }
  function report(button, ok) {
    var status = button.parentNode.querySelector(".copy-status");
    if (status) { status.textContent = ok ? button.dataset.done : button.dataset.failed; }
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-copy]");
    if (!button) { return; }
    var source = document.getElementById(button.dataset.copy);
    if (!source) { return; }
    var text = source.textContent;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { report(button, true); },
        function () { report(button, fallbackCopy(text)); }
      );
    } else {
      report(button, fallbackCopy(text));
    }
  });
})();
