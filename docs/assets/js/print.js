// Open every collapsed block before printing and restore it afterwards, so printed pages
// never hide an answer behind a <details> the reader cannot click on paper.
(() => {
  let opened = [];
  window.addEventListener("beforeprint", () => {
    opened = [...document.querySelectorAll("details:not([open])")];
    opened.forEach((d) => d.setAttribute("open", ""));
  });
  window.addEventListener("afterprint", () => {
    opened.forEach((d) => d.removeAttribute("open"));
    opened = [];
  });
})();
