"use strict";
// The rich-text editor's link dialog (django-prose-editor) takes whatever is typed, so
// "www.starazagora.bg" became a link within the site and "javascript:" an empty link.
// Before the dialog reads its address field, this writes www. addresses, e-mail addresses
// and phone numbers as https:, mailto: and tel: links, and marks an address no reader
// could open as invalid, with the reason, so the dialog stays open. The server checks the
// same on save (international/text.py), whatever the browser sends.
(function () {
  const gettext = window.gettext || ((text) => text);
  const interpolate =
    window.interpolate || ((text, values) => text.replace(/%\((\w+)\)s/g, (m, k) => values[k]));
  const SCHEMES = ["http", "https", "mailto", "tel"];
  const PHONE = /^\+?(?:[0-9][ ()./-]*){4,}[0-9]$/;
  const EMAIL = /^[^\s@/:]+@[^\s@/:]+\.[^\s@/:]+$/;

  // Return [address, null] to use, or [null, the reason it is refused].
  function normalise(typed) {
    const href = typed.replace(/[\t\n\r]/g, "").trim();
    if (href === "") {
      return [href, null]; // The dialog's own business: no address, no link.
    }
    if (href.startsWith("//")) {
      return ["https:" + href, null];
    }
    if ("/#?".includes(href[0])) {
      return [href, null];
    }
    if (href.slice(0, 4).toLowerCase() === "www.") {
      return ["https://" + href, null];
    }
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href);
    if (scheme) {
      const name = scheme[1].toLowerCase();
      if (!SCHEMES.includes(name)) {
        return [
          null,
          interpolate(gettext("addresses starting with “%(scheme)s:” are not allowed."), { scheme: name }, true),
        ];
      }
      return [name === "tel" ? href.replace(/\s/g, "") : href, null];
    }
    if (PHONE.test(href)) {
      return ["tel:" + href.replace(/\s/g, ""), null];
    }
    if (EMAIL.test(href)) {
      return ["mailto:" + href, null];
    }
    return [
      null,
      gettext("an address of another website starts with https://, one within this site with /."),
    ];
  }

  function check(input) {
    const [href, reason] = normalise(input.value);
    if (reason === null) {
      input.value = href;
      input.setCustomValidity("");
    } else {
      input.setCustomValidity(
        interpolate(
          gettext("The link “%(href)s” is not an address a reader can open: %(reason)s"),
          { href: input.value.trim(), reason: reason },
          true,
        ),
      );
    }
  }

  function addressField(element) {
    const dialog = element.closest(".prose-editor-dialog");
    return dialog && dialog.querySelector("input[name=href]");
  }

  // Captured on the document, so before the dialog's own handler of its "Update" button
  // (Enter in the field presses that button too) asks the form whether it is valid.
  document.addEventListener(
    "click",
    (event) => {
      const button = event.target.closest && event.target.closest("button[type=submit]");
      const input = button && addressField(button);
      if (input) {
        check(input);
      }
    },
    true,
  );
  // A refused address is corrected in the field: the message goes as soon as it is right.
  document.addEventListener("input", (event) => {
    if (event.target.matches && event.target.matches(".prose-editor-dialog input[name=href]")) {
      event.target.setCustomValidity("");
    }
  });
})();
