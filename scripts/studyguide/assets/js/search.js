// The header search box over the Pagefind index (loaded by the inline script of
// overrides/partials/search.html when the learner opens search, never before).
//
// - the query loses its stop words (the string catalogue's search_stop_words), so "what is X"
//   and "X vs Y" rank by X and Y; a query that finds nothing is retried with its longer words
//   cut short, which forgives a misspelt ending ("schedulling" finds "scheduling");
// - results use Material's result markup, so they look like Material's own; the list says
//   which query it answers in data-sg-query (tests and the benchmark wait on it);
// - topic and difficulty filters are <select>s with the number of results for each value;
//   once the learner has graded a card, a third one narrows to their own status (new / due /
//   known, as the status badges say: js/progress-status.js), matched through each question
//   page's id, an index filter the box never shows;
// - a result opens the first section of its page that matched; with Material's
//   `search.highlight` feature, with the page's words the query matched in `?h=`, which
//   js/highlight.js marks there;
// - one search at a time, for the latest query; a one-letter query waits for the next key;
// - keys: ArrowDown/ArrowUp move between the box and the results, Enter in the box opens the
//   first result, Escape closes search.

import { STATUSES, studied } from "./progress-status.js";

// Results whose text is fetched at once (one small file each: about a screenful); the next
// ones when the list is scrolled to its end, or on the "more" button.
const PAGE = 4;
// A query of one character waits this long for the next key before it is searched: it matches
// most of a large guide and fetches a large part of its index, and the learner is usually
// still typing.
const SHORT_WAIT = 350;
// Searches whose answers are kept.
const CACHED = 24;
// The section holding a page's added words (other names, other spellings): never the excerpt.
const ALSO = "#sg-search-also";

function marks(text) {
  return (text.match(/<mark>/g) || []).length;
}

// The page's excerpt, unless Pagefind took it from the added words: then the section of the
// page's own text with the most matches, or the page's opening when only added words matched.
function excerpt(data) {
  const subs = data.sub_results || [];
  const also = subs.find(s => s.url.endsWith(ALSO));
  if (!also || !marks(also.excerpt)) return data.excerpt;
  // The added words close the page's text, after the section's "—" heading.
  const added = data.content.slice(data.content.lastIndexOf("—"));
  const start = data.excerpt.replace(/<[^>]+>/g, "").trim().split(/\s+/).slice(0, 4).join(" ");
  if (!added.includes(start)) return data.excerpt;
  const own = subs.filter(s => s !== also);
  const best = own.slice().sort((a, b) => marks(b.excerpt) - marks(a.excerpt))[0];
  if (best && marks(best.excerpt)) return best.excerpt;
  const title = data.meta.title || "";
  const text = data.content.startsWith(title) ? data.content.slice(title.length) : data.content;
  const opening = text.trim().split(/\s+/).slice(0, 28).join(" ");
  const escaped = document.createElement("p");
  escaped.textContent = `${opening} …`;
  return escaped.innerHTML;
}

// The page's words the query matched, as the page writes them (lower case): what `?h=` carries.
function matched(data) {
  const words = data.content.split(/[\r\n\s]+/g);
  const found = new Set();
  for (const at of data.locations || []) {
    const word = (words[at] || "").replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "").toLowerCase();
    if (word) found.add(word);
  }
  return [...found].slice(0, 10);
}

// Where a result leads: the first section that matched (Pagefind lists only those, in page
// order; the page's top when it is the first), with the matched words in `?h=` when the
// guide highlights them.
function target(data, highlight) {
  const first = (data.sub_results || []).find(sub => !sub.url.endsWith(ALSO));
  const url = new URL(first ? first.url : data.url, location.href);
  if (first && first.title === data.meta.title) url.hash = ""; // the title's own anchor: the page's top
  const words = highlight ? matched(data) : [];
  if (words.length) url.searchParams.set("h", words.join(" "));
  return url.href;
}

export async function start(root, base) {
  const config = JSON.parse(root.querySelector(".sg-search-config").textContent || "{}");
  const t = config.strings || {};
  const order = config.filters || {};
  const stop = new Set((t.stop_words || "").split(/\s+/).filter(Boolean));
  const input = root.querySelector(".md-search__input");
  const toggle = document.getElementById("__search");
  const result = root.querySelector(".md-search-result");
  const meta = result.querySelector(".md-search-result__meta");
  const list = result.querySelector(".md-search-result__list");
  const filterBox = root.querySelector(".sg-search-filters");
  const progress = config.progress || {};
  const byId = progress.filter || "question";

  const css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = new URL("assets/studyguide/css/search.css", base).href;
  document.head.append(css);

  meta.textContent = t.loading || "";
  const pagefind = await import(new URL("pagefind/pagefind.js", base).href);
  // Title (h1, weight 7) and the short answer (weight 3) outweigh the body; a long page gains
  // little from its length; a word found several times counts, but with diminishing returns.
  // No web worker: one file less to fetch on the first search, and a query is a few
  // milliseconds of WebAssembly on the main thread.
  await pagefind.options({
    noWorker: true,
    baseUrl: new URL(base).pathname,
    excerptLength: 24,
    ranking: { pageLength: 0.5, termSaturation: 1.2 },
  });
  pagefind.init();

  const selects = {};
  const all = { topic: t.all_topics, difficulty: t.all_levels };
  const labels = { topic: t.topic, difficulty: t.difficulty };
  const FACETS = ["topic", "difficulty"];

  function addSelect(name, label, allLabel, values) {
    const box = document.createElement("label");
    box.className = "sg-search-filter";
    const span = document.createElement("span");
    span.textContent = label;
    const select = document.createElement("select");
    select.name = name;
    select.append(new Option(allLabel, ""));
    for (const value of values) select.append(new Option(value, value));
    box.append(span, select);
    filterBox.append(box);
    select.addEventListener("change", () => request());
    return select;
  }

  // Their values come with the first results (every value, with its count): not from
  // pagefind.filters(), which fetches every filter, the id filter too (large at 10,000
  // questions, needed only with progress), nor from a search without words, which fetches
  // the whole index.
  for (const name of FACETS) {
    selects[name] = addSelect(name, labels[name], all[name], []);
    selects[name].closest("label").hidden = true;
  }
  let filled = false;
  // A large guide's topic and difficulty filters are large too (49 KB at 10,000 questions): its
  // selects list the values the page names, and their counts are fetched when the learner
  // reaches for them (focus or touch), not with every first search.
  let facetsWanted = config.browse !== false;
  if (!facetsWanted) {
    for (const name of FACETS) {
      for (const value of order[name] || []) selects[name].append(new Option(value, value));
      selects[name].closest("label").hidden = !(order[name] || []).length;
    }
    filled = true;
    const want = () => {
      if (facetsWanted) return;
      facetsWanted = true;
      request();
    };
    filterBox.addEventListener("focusin", want);
    filterBox.addEventListener("pointerdown", want);
  }
  function fill(found) {
    if (filled || !found || !found.filters) return;
    filled = true;
    for (const name of FACETS) {
      const values = Object.keys(found.filters[name] || {});
      const known = order[name] || [];
      values.sort((a, b) => rank(known, a) - rank(known, b) || a.localeCompare(b));
      for (const value of values) selects[name].append(new Option(value, value));
      selects[name].closest("label").hidden = !values.length;
    }
  }
  // The learner's status: there only while there is progress to read (see graded()).
  const statusNames = progress.labels || {};
  let status = null;

  function close() {
    // A change event, as Material's own close does: it unlocks the page's scrolling on phones.
    if (toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
    input.blur();
  }

  // The "more" button scrolled into view loads the next results, as Material's list does.
  const reached = new IntersectionObserver(entries => {
    for (const entry of entries) if (entry.isIntersecting) entry.target.click();
  }, { root: root.querySelector(".md-search__scrollwrap") });

  let sequence = 0;
  let seen = {};
  let shown = [];
  let more = null;

  function rank(known, value) {
    const i = known.indexOf(value);
    return i < 0 ? known.length : i;
  }

  function words(query) {
    const all = query.toLowerCase().split(/\s+/).filter(Boolean);
    const kept = all.filter(w => !stop.has(w.replace(/[^\p{L}\p{N}]/gu, "")));
    return kept.length ? kept : all;
  }

  function filters() {
    const chosen = {};
    for (const [name, select] of Object.entries(selects)) if (select.value) chosen[name] = select.value;
    return chosen;
  }

  // The search's filters. Pagefind counts the results for each value of every filter it has
  // fetched, and fetches a filter when a search names it: each is named (`none: []` filters
  // nothing out) until it has come, and then no more (naming it costs every search a pass over
  // its values: at 10,000 questions the question ids).
  const fetched = new Set();
  function searchFilters(names) {
    const named = filters();
    for (const name of names) if (!fetched.has(name)) named[name] ??= { none: [] };
    return named;
  }
  function arrived(found) {
    for (const name of Object.keys((found && found.filters) || {})) {
      if (fetched.has(name)) continue;
      fetched.add(name);
      // Answers kept from before this filter came lack its counts: never reuse them.
      for (const [key, answer] of answers) if (!(name in (answer.filters || {}))) answers.delete(key);
    }
  }

  // Pagefind's answers to the last few searches: a query typed again (after a backspace, or a
  // filter chosen and cleared) is answered at once. At 10,000 questions a word found on most
  // pages takes Pagefind 50–90 ms to rank (1.6.0; the older wheel's 1.5.2, 0.3–0.6 s).
  const answers = new Map();
  async function search(term, options) {
    const key = JSON.stringify([term, options]);
    if (answers.has(key)) {
      const found = answers.get(key);
      answers.delete(key); // most recently used last
      answers.set(key, found);
      return found;
    }
    const found = await pagefind.search(term, options);
    answers.set(key, found);
    if (answers.size > CACHED) answers.delete(answers.keys().next().value);
    return found;
  }

  // The learner's graded questions ({id: status}); {} without progress, and then no status filter.
  function graded() {
    const found = progress.guide ? studied(progress.guide) : {};
    const any = Object.keys(found).length > 0;
    if (any && !status) {
      status = addSelect("status", t.status, t.all_statuses, STATUSES);
      for (const option of status.options) {
        if (option.value) option.dataset.label = option.textContent = statusNames[option.value] || option.value;
      }
    } else if (!any && status) {
      status.closest("label").remove(); // progress cleared (in another tab)
      status = null;
    }
    return found;
  }

  // The search's term and its results: without progress, one search. With progress, the id filter
  // is asked for too (its counts say which questions the results hold, for the status counts),
  // and a chosen status is a second search over the ids of that status.
  async function find(query, seen) {
    // In a large guide the id filter (88 KB at 10,000 questions) waits, as the topic and
    // difficulty counts do, until the learner reaches for the filters.
    const ids = facetsWanted ? Object.keys(seen) : [];
    const facets = facetsWanted ? FACETS : [];
    const options = { filters: searchFilters(ids.length ? [...facets, byId] : facets) };
    let term = null;
    let found = null;
    if (query.trim()) {
      const terms = words(query);
      term = terms.join(" ");
      found = await search(term, options);
      // Nothing found: forgive a misspelt ending by cutting long words short, a letter at a time.
      for (let cut = 1; found && !found.results.length && cut <= 3; cut++) {
        term = terms.map(w => (w.length >= 6 ? w.slice(0, w.length - cut) : w)).join(" ");
        found = await search(term, options);
      }
    } else {
      found = await search(null, options);
    }
    arrived(found);
    fill(found);
    if (!found || !ids.length) return { found, shown: found, tally: null };
    // The questions among the results, by status (pages that are no question, the glossary, have none).
    const inResults = found.filters[byId] || {};
    const by = { new: [], due: [], known: [] };
    for (const [id, n] of Object.entries(inResults)) if (n) by[seen[id] || "new"].push(id);
    const tally = Object.fromEntries(STATUSES.map(name => [name, by[name].length]));
    const chosen = status.value;
    if (!chosen) return { found, shown: found, tally };
    if (!by[chosen].length) return { found, shown: { results: [], filters: {} }, tally };
    options.filters[byId] = { any: by[chosen] };
    const shown = await search(term, options);
    return { found, shown, tally };
  }

  function count(n) {
    if (n === 0) return t.none;
    if (n === 1) return t.one;
    return (t.many || "").replace("{count}", n);
  }

  function updateCounts(found, tally) {
    for (const [name, select] of Object.entries(selects)) {
      const counts = found && found.filters && found.filters[name];
      for (const option of select.options) {
        if (!option.value) continue;
        option.textContent = counts ? `${option.value} (${counts[option.value] || 0})` : option.value;
      }
    }
    for (const option of status && tally ? status.options : []) {
      if (option.value) option.textContent = `${option.dataset.label} (${tally[option.value]})`;
    }
  }

  function item(data) {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = target(data, root.hasAttribute("data-sg-highlight"));
    a.tabIndex = -1;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    const h = document.createElement("h1");
    h.textContent = data.meta.title || "";
    const p = document.createElement("p");
    p.innerHTML = excerpt(data); // Pagefind escapes the text and adds only <mark>
    article.append(icon, h, p);
    const mine = seen[data.meta[byId]] || (Object.keys(seen).length && data.meta[byId] ? "new" : "");
    const facts = [data.meta.topic, data.meta.difficulty, statusNames[mine]].filter(Boolean).join(" · ");
    if (facts) {
      const small = document.createElement("div");
      small.className = "sg-search-facts";
      small.textContent = facts;
      article.append(small);
    }
    a.append(article);
    a.addEventListener("click", () => setTimeout(close, 0));
    li.append(a);
    return li;
  }

  function dropMore() {
    if (more) {
      reached.unobserve(more);
      more.remove();
    }
    more = null;
  }

  // The next results (the first ones, in place of the last query's list, when `fresh`).
  async function showMore(found, mine, fresh = false) {
    dropMore(); // at once: a second click (or the observer) while loading adds nothing twice
    const next = found.results.slice(shown.length, shown.length + PAGE);
    shown = shown.concat(next);
    const data = await Promise.all(next.map(r => r.data()));
    if (mine !== sequence) return false;
    const items = data.map(item);
    if (fresh) list.replaceChildren(...items);
    else list.append(...items);
    if (shown.length < found.results.length) {
      more = document.createElement("button");
      more.type = "button";
      more.className = "md-button sg-search-more";
      more.textContent = t.more || "";
      more.addEventListener("click", () => showMore(found, mine));
      result.append(more);
      reached.observe(more);
    }
    return true;
  }

  async function run() {
    const query = input.value;
    const mine = ++sequence;
    delete result.dataset.sgQuery;
    seen = graded();
    const chosen = Object.keys(filters()).length || (status && status.value);
    if (!query.trim() && !chosen) {
      list.replaceChildren();
      dropMore();
      meta.textContent = t.initial || "";
      filterBox.hidden = true;
      updateCounts(null, null);
      result.dataset.sgQuery = query;
      return;
    }
    // A filter alone lists its questions only in a small guide: Pagefind fetches the whole index for it.
    if (!query.trim() && config.browse === false) {
      list.replaceChildren();
      dropMore();
      meta.textContent = t.type_to_filter || "";
      filterBox.hidden = false;
      result.dataset.sgQuery = query;
      return;
    }
    // The time of each step, for the benchmark (bench/search.py): the search, then the results' text.
    const started = performance.now();
    const { shown: found, tally } = await find(query, seen);
    if (mine !== sequence) return;
    performance.measure("sg-search", { start: started });
    const searched = performance.now();
    // The last query's list stays until this one's is ready, then everything changes at once:
    // no empty list between two keystrokes.
    shown = [];
    dropMore();
    if (found && !(await showMore(found, mine, true))) return;
    if (!found) list.replaceChildren();
    filterBox.hidden = false;
    updateCounts(found, tally);
    meta.textContent = count(found ? found.results.length : 0);
    performance.measure("sg-search-results", { start: searched });
    result.dataset.sgQuery = query;
  }

  // One search at a time, for the latest query only: what the learner types while a search runs
  // makes that search's results stale (never shown, no fragment fetched for them) and is
  // searched once it ends. A search per keystroke used to queue up behind one another (at
  // 10,000 questions a short prefix, found on most pages, is Pagefind's slowest search).
  let busy = false;
  let queued = false;
  let waiting = 0;
  async function searchLatest() {
    if (busy) {
      queued = true;
      return;
    }
    busy = true;
    try {
      do {
        queued = false;
        await run();
      } while (queued);
    } finally {
      busy = false;
    }
  }
  function request() {
    clearTimeout(waiting);
    sequence += 1; // whatever runs now is stale
    delete result.dataset.sgQuery;
    if (input.value.trim().length === 1) waiting = setTimeout(searchLatest, SHORT_WAIT);
    else searchLatest();
  }

  input.addEventListener("input", request);
  root.querySelector("form").addEventListener("reset", () => setTimeout(request, 0));

  root.addEventListener("keydown", event => {
    const links = [...list.querySelectorAll(".md-search-result__link")];
    const active = document.activeElement;
    if (event.key === "Escape") {
      close();
      event.preventDefault();
    } else if (event.key === "Enter" && active === input) {
      event.preventDefault();
      if (links.length) links[0].click();
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && active.tagName !== "SELECT") {
      const stops = [input, ...links];
      const at = Math.max(0, stops.indexOf(active));
      const next = (at + (event.key === "ArrowDown" ? 1 : -1) + stops.length) % stops.length;
      stops[next].focus();
      event.preventDefault();
    }
  });

  filterBox.hidden = !input.value.trim();
  await searchLatest();
}
