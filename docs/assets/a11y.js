/* Accessibility fixes for the theme's markup (kept out of theme overrides). */
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (el) {
    el.setAttribute("aria-label", "Search");
  });
});
