// Typeset the math that pymdownx.arithmatex wrapped in .arithmatex (\( \) inline, \[ \] display)
// with the vendored KaTeX. document$ fires on first load and after each instant navigation.
document$.subscribe(({ body }) => {
  for (const element of body.querySelectorAll(".arithmatex")) {
    if (element.dataset.typeset) continue;
    const source = element.textContent.trim();
    const display = element.tagName === "DIV";
    const tex = source.replace(/^\\[([]/, "").replace(/\\[)\]]$/, "");
    katex.render(tex, element, { displayMode: display, throwOnError: false, output: "htmlAndMathml" });
    element.dataset.typeset = "1";
  }
});
