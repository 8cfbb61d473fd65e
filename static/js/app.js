/* The small behaviours the templates ask for through data- attributes. The
   Content-Security-Policy (config/settings.py) runs no inline <script> and no
   on…= handler, so they live here. */
(function () {
  "use strict";

  // <form data-confirm="Question?">: ask before sending.
  document.addEventListener("submit", function (event) {
    var question = event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // <a data-go-back href="…">: back in the browser's history; the href when there is none.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-go-back]");
    if (link && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });

  // The progress modal of "my work" (agreements/includes/_progress_modal.html) names the
  // clause whose "Report" button opened it.
  document.addEventListener("show.bs.modal", function (event) {
    if (event.target.id !== "progress-modal") return;
    var trigger = event.relatedTarget;
    document.getElementById("progress-modal-clause").textContent =
      trigger ? trigger.getAttribute("data-clause-title") || "" : "";
  });
})();
