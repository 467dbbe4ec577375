// Open every collapsed block before printing and restore it afterwards, so printed pages
// never hide an answer behind a <details> the reader cannot click on paper. Also mark the
// links that leave the site: print.css prints their address, and only theirs.
(() => {
  let opened = [];
  window.addEventListener("beforeprint", () => {
    opened = [...document.querySelectorAll("details:not([open])")];
    opened.forEach((d) => d.setAttribute("open", ""));
    for (const link of document.querySelectorAll(".md-content a[href]")) {
      if (link.origin !== location.origin && link.protocol.startsWith("http")) link.dataset.printUrl = link.href;
    }
  });
  window.addEventListener("afterprint", () => {
    opened.forEach((d) => d.removeAttribute("open"));
    opened = [];
  });
})();
