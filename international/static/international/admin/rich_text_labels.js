"use strict";
// The rich-text editor (django-prose-editor) names its toolbar buttons in English, in their
// title, aria-label or text ("bold", "Heading 3"), whatever the admin's language; only its
// dialogs ask Django's JavaScript catalogue. This gives the buttons the admin's language
// from that same catalogue (locale/*/LC_MESSAGES/djangojs.po, which the admin's own jsi18n
// view serves with its own messages), so that editors and their screen readers meet
// Bulgarian words.
(function () {
  // Django's catalogue functions (the admin loads its jsi18n before this script).
  const gettext = window.gettext || ((text) => text);
  const gettext_noop = window.gettext_noop || ((text) => text);

  // The toolbar's labels, as the editor spells them; gettext_noop() lets makemessages find them.
  const BUTTON_LABELS = new Set([
    gettext_noop("paragraph"),
    gettext_noop("Paragraph"),
    gettext_noop("Heading 3"),
    gettext_noop("Heading 4"),
    gettext_noop("unordered list"),
    gettext_noop("ordered list"),
    gettext_noop("List properties"),
    gettext_noop("bold"),
    gettext_noop("italic"),
    gettext_noop("mark as English"),
    gettext_noop("insert link"),
    gettext_noop("remove link"),
    gettext_noop("undo"),
    gettext_noop("redo"),
  ]);
  // Words of the editor's dialogs: it translates them itself, once they are in the catalogue.
  gettext_noop("Edit Link");
  gettext_noop("URL");
  gettext_noop("Title");
  gettext_noop("Update");
  gettext_noop("Cancel");
  gettext_noop("List type");
  gettext_noop("Start at");
  gettext_noop("Bullets");
  gettext_noop("Decimal numbers");
  gettext_noop("Lowercase letters");
  gettext_noop("Uppercase letters");
  gettext_noop("Lowercase Roman numerals");
  gettext_noop("Uppercase Roman numerals");

  function localised(text) {
    return BUTTON_LABELS.has(text) ? gettext(text) : text;
  }

  function localise(button) {
    for (const attribute of ["title", "aria-label"]) {
      const text = button.getAttribute(attribute);
      if (text !== null && localised(text) !== text) {
        button.setAttribute(attribute, localised(text));
      }
    }
    // An icon button's text is the icon's name in the icon font, not a label. A menu
    // item's text may sit in an element that shows what it makes ("<h3>Heading 3</h3>").
    if (!button.classList.contains("material-icons")) {
      const texts = document.createTreeWalker(button, NodeFilter.SHOW_TEXT);
      for (let node = texts.nextNode(); node; node = texts.nextNode()) {
        if (localised(node.nodeValue) !== node.nodeValue) {
          node.nodeValue = localised(node.nodeValue);
        }
      }
    }
  }

  function localiseWithin(node) {
    if (!(node instanceof Element)) {
      return;
    }
    if (node.matches(".prose-menubar button")) {
      localise(node);
    }
    node.querySelectorAll(".prose-menubar button").forEach(localise);
  }

  // Editors are made when the page loads and when an inline row is added.
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      mutation.addedNodes.forEach(localiseWithin);
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", () => localiseWithin(document.documentElement));
})();
