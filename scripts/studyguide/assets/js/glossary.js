// Glossary terms on question pages open a small popover (term, definition, a link to the
// entry) on tap, click, Enter or hover, without leaving the page; the glossary page gets a
// filter box. Listeners sit on the document, so they survive Material's instant navigation.
(() => {
  "use strict";
  const HOVER = window.matchMedia("(hover: hover) and (pointer: fine)");
  let popover = null;
  let owner = null;
  let openTimer = 0;
  let closeTimer = 0;

  const words = () => {
    const source = document.getElementById("sg-term-strings");
    return { more: source?.dataset.more || "More", close: source?.dataset.close || "Close" };
  };

  function build() {
    const box = document.createElement("div");
    box.className = "sg-popover";
    box.id = "sg-popover";
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-labelledby", "sg-popover-term");
    box.tabIndex = -1;
    box.hidden = true;
    const term = document.createElement("p");
    term.className = "sg-popover__term";
    term.id = "sg-popover-term";
    const definition = document.createElement("p");
    definition.className = "sg-popover__definition";
    const foot = document.createElement("p");
    foot.className = "sg-popover__foot";
    const more = document.createElement("a");
    more.className = "sg-popover__more";
    const close = document.createElement("button");
    close.type = "button";
    close.className = "sg-popover__close";
    close.addEventListener("click", () => hide(true));
    foot.append(more, close);
    box.append(term, definition, foot);
    box.addEventListener("mouseenter", () => clearTimeout(closeTimer));
    box.addEventListener("mouseleave", () => scheduleHide());
    box.addEventListener("focusout", (event) => {
      const next = event.relatedTarget;
      if (next && !box.contains(next) && next !== owner) hide(false);
    });
    return box;
  }

  function show(link, takeFocus) {
    clearTimeout(closeTimer);
    if (!popover || !document.body.contains(popover)) {
      popover = build();
      document.body.append(popover);
    }
    if (owner && owner !== link) owner.setAttribute("aria-expanded", "false");
    owner = link;
    const text = words();
    popover.querySelector(".sg-popover__term").textContent = link.dataset.term || link.textContent;
    popover.querySelector(".sg-popover__definition").textContent = link.dataset.definition || "";
    const more = popover.querySelector(".sg-popover__more");
    more.href = link.href;
    more.textContent = text.more;
    const close = popover.querySelector(".sg-popover__close");
    close.textContent = "\u00d7";
    close.setAttribute("aria-label", text.close);
    link.setAttribute("aria-expanded", "true");
    link.setAttribute("aria-controls", "sg-popover");
    popover.hidden = false;
    place(link);
    if (takeFocus) popover.focus({ preventScroll: true });
  }

  function place(link) {
    const margin = 8;
    const rect = link.getClientRects()[0] || link.getBoundingClientRect();
    const width = Math.min(popover.offsetWidth, window.innerWidth - 2 * margin);
    const left = Math.max(margin, Math.min(rect.left, window.innerWidth - width - margin));
    const below = rect.bottom + 6;
    const fitsBelow = below + popover.offsetHeight <= window.innerHeight - margin;
    const top = fitsBelow || rect.top < popover.offsetHeight + 14 ? below : rect.top - popover.offsetHeight - 6;
    popover.style.left = `${left + window.scrollX}px`;
    popover.style.top = `${top + window.scrollY}px`;
  }

  function hide(returnFocus) {
    clearTimeout(openTimer);
    if (!popover || popover.hidden) return;
    popover.hidden = true;
    if (owner) {
      owner.setAttribute("aria-expanded", "false");
      if (returnFocus) owner.focus();
    }
    owner = null;
  }

  function scheduleHide() {
    clearTimeout(closeTimer);
    closeTimer = setTimeout(() => hide(false), 300);
  }

  const termOf = (target) => (target instanceof Element ? target.closest("a.sg-term[data-definition]") : null);

  // Capture phase: Material's instant navigation follows links from a listener on <body>,
  // which would otherwise load the glossary before this one runs.
  document.addEventListener("click", (event) => {
    const link = termOf(event.target);
    if (link) {
      // A new tab or window (modifier keys, middle button) still goes to the glossary entry.
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      event.stopPropagation();
      if (owner === link && popover && !popover.hidden) hide(false);
      else show(link, true);
      return;
    }
    if (popover && !popover.hidden && !popover.contains(event.target)) hide(false);
  }, true);

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && popover && !popover.hidden) {
      event.stopPropagation();
      hide(true);
    }
  });

  document.addEventListener("mouseover", (event) => {
    const link = termOf(event.target);
    if (!link || !HOVER.matches) return;
    clearTimeout(closeTimer);
    if (owner === link && popover && !popover.hidden) return;
    clearTimeout(openTimer);
    openTimer = setTimeout(() => show(link, false), 250);
  });

  document.addEventListener("mouseout", (event) => {
    const link = termOf(event.target);
    if (!link || link.contains(event.relatedTarget)) return;
    clearTimeout(openTimer);
    if (popover && !popover.hidden && !popover.contains(event.relatedTarget)) scheduleHide();
  });

  window.addEventListener("resize", () => hide(false));

  // -- the glossary page's filter ------------------------------------------------

  const fold = (text) => text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

  function filter(input) {
    const query = fold(input.value.trim());
    const entries = document.querySelectorAll(".sg-gloss-entry");
    let shown = 0;
    for (const entry of entries) {
      const match = !query || fold(entry.dataset.filter || "").includes(query);
      entry.hidden = !match;
      if (match) shown += 1;
    }
    for (const group of document.querySelectorAll(".sg-gloss-letter")) {
      group.hidden = !group.querySelector(".sg-gloss-entry:not([hidden])");
    }
    const count = document.getElementById("sg-glossary-count");
    if (count) {
      count.textContent = query
        ? (shown ? count.dataset.template.replace("{shown}", shown).replace("{total}", entries.length) : count.dataset.none)
        : "";
    }
    const none = document.querySelector(".sg-glossary-none");
    if (none) none.hidden = shown > 0;
  }

  document.addEventListener("input", (event) => {
    if (event.target instanceof HTMLInputElement && event.target.id === "sg-glossary-filter") filter(event.target);
  });

  function setUp() {
    hide(false);
    const box = document.querySelector(".sg-glossary-filter");
    if (box) {
      box.hidden = false;
      const input = box.querySelector("input");
      if (input.value) filter(input);
    }
    for (const link of document.querySelectorAll("a.sg-term[data-definition]")) {
      link.setAttribute("aria-haspopup", "dialog");
      link.setAttribute("aria-expanded", "false");
    }
  }

  // Material's instant navigation swaps pages without a load event: it announces them on document$.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setUp);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
