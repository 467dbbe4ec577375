// Marks a search's words on the page a search result opened: the result's address carries the
// page's words the query matched in `?h=` (space-separated), as Material's own search does
// with its `search.highlight` feature. Loaded by the inline script of
// overrides/partials/search.html only on a page opened with `?h=`; nothing otherwise.

// Never marked inside: formulas (KaTeX's markup), heading permalinks, scripts and styles,
// and what is marked already.
const SKIP = "script, style, mark, .katex, .arithmatex, .headerlink, [hidden], [data-search-exclude]";

function pattern(words) {
  const escaped = words.map(w => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  // Whole words only (a word's letters and digits on neither side), in any case.
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join("|")})(?![\\p{L}\\p{N}])`, "giu");
}

// Wraps each occurrence of `words` in the text under `root` in <mark data-md-highlight>
// (Material's style for highlighted search words); the number of marks made.
export function highlight(root, words) {
  words = [...new Set(words.map(w => w.trim().toLowerCase()).filter(Boolean))];
  if (!root || !words.length) return 0;
  const find = pattern(words);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: node => (node.parentElement.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  let made = 0;
  for (const node of nodes) {
    const text = node.nodeValue;
    find.lastIndex = 0;
    if (!find.test(text)) continue;
    find.lastIndex = 0;
    const parts = document.createDocumentFragment();
    let at = 0;
    for (const m of text.matchAll(find)) {
      parts.append(text.slice(at, m.index));
      const mark = document.createElement("mark");
      mark.dataset.mdHighlight = "";
      mark.textContent = m[0];
      parts.append(mark);
      at = m.index + m[0].length;
      made += 1;
    }
    parts.append(text.slice(at));
    node.replaceWith(parts);
  }
  return made;
}

// The words of `?h=` in `address`; [] without.
export function wordsOf(address) {
  const h = new URL(address).searchParams.get("h");
  return h ? h.split(/\s+/).filter(Boolean) : [];
}

// Highlights the page's article, once per page view.
export function highlightPage() {
  const article = document.querySelector("article.md-content__inner");
  if (!article || article.dataset.sgHighlighted) return 0;
  article.dataset.sgHighlighted = "1";
  return highlight(article, wordsOf(location.href));
}
