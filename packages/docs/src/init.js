// Starts Redoc with the docs' spec in the reader's theme (saved choice, else the system's),
// and keeps what Redoc renders reachable by keyboard. Plain ES2017, no modules: it runs inline.
(function () {
  var KEY = "leat-docs-theme";
  var config = JSON.parse(document.getElementById("docs-config").textContent);
  var root = document.getElementById("redoc");
  var toggle = document.getElementById("theme-toggle");

  function savedMode() {
    try {
      var saved = localStorage.getItem(KEY);
      if (saved === "light" || saved === "dark") return saved;
    } catch (e) {
      /* storage blocked: follow the system */
    }
    return window.matchMedia && matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  // Scrollable code blocks must take focus so keyboard users can scroll them (WCAG 2.1.1).
  function focusableBlocks(scope) {
    var blocks = scope.querySelectorAll("pre:not([tabindex])");
    for (var i = 0; i < blocks.length; i++) {
      blocks[i].setAttribute("tabindex", "0");
      if (!blocks[i].getAttribute("aria-label")) blocks[i].setAttribute("aria-label", "Code sample");
    }
  }

  // Redoc's menu entries are list items with click handlers, not links: give each a real
  // link to its anchor so it opens in a new tab and can be copied. The item keeps the focus
  // (Redoc's keyboard handling lives there), so the link is skipped by Tab. The item's
  // aria-label would differ from its visible text (method badge, a group's tags), so it goes
  // and the item is named by its content.
  function linkMenu(scope) {
    var items = scope.querySelectorAll("li[data-item-id]:not([data-linked])");
    for (var i = 0; i < items.length; i++) {
      var item = items[i];
      var label = item.querySelector(":scope > label > span:not(.operation-type)");
      item.setAttribute("data-linked", "true");
      item.removeAttribute("aria-label");
      // A group only folds its tags; it has no section of its own to link to.
      if (!label || /^group\//.test(item.getAttribute("data-item-id"))) continue;
      var link = document.createElement("a");
      link.href = "#" + item.getAttribute("data-item-id");
      link.className = "menu-link";
      link.tabIndex = -1;
      link.textContent = label.textContent;
      label.textContent = "";
      label.appendChild(link);
    }
  }

  // Redoc moves to an anchor only after it has rendered; a link opened fresh must land there.
  function goToHash() {
    if (!location.hash || location.hash.length < 2) return;
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) target.scrollIntoView();
  }

  function start(mode) {
    document.documentElement.setAttribute("data-theme", mode);
    toggle.textContent = mode === "dark" ? "Light theme" : "Dark theme";
    toggle.setAttribute("aria-pressed", mode === "dark" ? "true" : "false");
    var spec = JSON.parse(document.getElementById("docs-spec").textContent);
    spec.info["x-logo"] = { url: config.logos[mode], altText: config.logoAlt, href: "#" };
    var options = Object.assign({}, config.options, { theme: config.themes[mode] });
    Redoc.init(spec, options, root, function () {
      focusableBlocks(root);
      linkMenu(root);
      new MutationObserver(function (changes) {
        focusableBlocks(root);
        linkMenu(root);
        for (var i = 0; i < changes.length; i++) {
          var node = changes[i].target;
          if (changes[i].type === "attributes" && node.hasAttribute("data-linked")) node.removeAttribute("aria-label");
        }
      }).observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ["aria-label"] });
      goToHash();
      document.documentElement.setAttribute("data-ready", "true");
    });
  }

  toggle.addEventListener("click", function () {
    var next = document.documentElement.getAttribute("data-theme") === "dark" ? "light" : "dark";
    try {
      localStorage.setItem(KEY, next);
    } catch (e) {
      /* not saved: applies to this view only */
    }
    // Redoc's theme is fixed when it starts, so a new theme means a fresh start at the same anchor.
    location.reload();
  });

  start(savedMode());
})();
