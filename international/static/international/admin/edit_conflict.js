"use strict";
// No lost update (admin/concurrency.py), the progressive part; the refusal on save works
// without it.
// - An open change form asks for its record's version every 30 seconds and, when another
//   editor has saved since, says so in a polite live region (the words come from the
//   server, in the admin's language).
// - A sortable list's drag and drop posts with the list's order token, kept current after
//   each move; when the server refuses a move (409: the order changed elsewhere) the list
//   reloads, showing the current order and the server's message. The rows' "Up" and
//   "Down" buttons' form gets the new token too.
(function () {
  const POLL_MS = 30000;

  function watchVersion() {
    const input = document.querySelector("input[data-version-url]");
    const notice = document.querySelector("[data-edit-conflict-notice]");
    if (!input || !notice || !window.fetch) {
      return;
    }
    let announced = "";
    function check() {
      const url = new URL(input.dataset.versionUrl, window.location.href);
      url.searchParams.set("since", input.value);
      fetch(url.href, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then((response) => (response.ok ? response.json() : null))
        .then((data) => {
          if (!data || !data.changed || data.notice === announced) {
            return;
          }
          announced = data.notice;
          const list = document.createElement("ul");
          const item = document.createElement("li");
          list.className = "messagelist";
          item.className = "warning";
          item.textContent = data.notice;
          list.append(item);
          notice.replaceChildren(list);
        })
        .catch(() => {}); // Offline for a moment: the next check, or the save, tells.
    }
    window.setInterval(check, POLL_MS);
  }

  function keepOrderToken() {
    const config = document.getElementById("admin_sortable2_config");
    if (!config || !window.fetch) {
      return;
    }
    const updateUrl = new URL(JSON.parse(config.textContent).update_url, window.location.href);
    let latest = updateUrl.searchParams.get("order_version");
    const originalFetch = window.fetch.bind(window);
    window.fetch = function (resource, options) {
      const url = new URL(resource instanceof Request ? resource.url : resource, window.location.href);
      if (url.pathname !== updateUrl.pathname || latest === null) {
        return originalFetch(resource, options);
      }
      url.searchParams.set("order_version", latest);
      return originalFetch(url.href, options).then((response) => {
        latest = response.headers.get("X-Order-Version") || latest;
        // The rows' "Up" and "Down" buttons post the same token.
        const field = document.querySelector('#reorder-form input[name="order_version"]');
        if (field) {
          field.value = latest;
        }
        if (response.status === 409) {
          window.location.reload();
        }
        return response;
      });
    };
  }

  function start() {
    watchVersion();
    keepOrderToken();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
