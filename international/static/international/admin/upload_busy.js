"use strict";
// A large photo takes seconds to check, clean and render once it has been sent: on the
// submit of a form with a chosen file, the save buttons are disabled (no second save) and
// a polite live region says the image is being uploaded and processed.
(function () {
  const gettext = window.gettext || ((text) => text);

  function start() {
    document.querySelectorAll("form").forEach((form) => {
      if (!form.querySelector('input[type="file"]')) {
        return;
      }
      // Made empty beforehand: a live region is announced when its text changes.
      const notice = document.createElement("p");
      notice.className = "upload-busy";
      notice.setAttribute("role", "status");
      notice.setAttribute("aria-live", "polite");
      notice.dataset.uploadBusy = "";
      const rows = form.querySelectorAll(".submit-row");
      (rows.length ? rows[rows.length - 1] : form.lastElementChild).before(notice);
      form.addEventListener("submit", (event) => {
        const chosen = Array.from(form.querySelectorAll('input[type="file"]')).some(
          (input) => input.files && input.files.length > 0,
        );
        if (!chosen) {
          return;
        }
        // After the other submit handlers (one may stop the submit) and once the pressed
        // button's name is in the submission.
        window.setTimeout(() => {
          if (event.defaultPrevented) {
            return;
          }
          notice.textContent = gettext("Uploading and processing the image…");
          form.querySelectorAll('.submit-row input[type="submit"], .submit-row button').forEach(
            (button) => {
              button.disabled = true;
            },
          );
        }, 0);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
