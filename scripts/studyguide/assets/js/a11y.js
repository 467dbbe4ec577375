// Material 9.8 leaves its search dialog and page-loading bar without an accessible name
// (axe: aria-dialog-name, aria-progressbar-name). Both live in the header, which instant
// navigation keeps, so naming them once on load is enough.
document.querySelector(".md-search[role=dialog]")?.setAttribute("aria-label", "Search");
document.querySelector(".md-progress[role=progressbar]")?.setAttribute("aria-label", "Page loading");
