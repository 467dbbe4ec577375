// Study mode: the flashcards page (flashcards.md, cards from downloads/cards.json) and the
// learner's status badges (.sg-status[data-question]) on question, topic and difficulty pages.
// Progress lives in localStorage; its format is documented in the flashcards page's help.
// Material's document$ fires on the first load and after each instant navigation.
(() => {
  "use strict";

  // Evaluated twice (a second include, a theme re-running scripts): the first copy does the work.
  if (window.__sgFlashcards) return;
  window.__sgFlashcards = true;

  // assets/studyguide/js/flashcards.js → the site root. The root's path namespaces the saved progress, so
  // two guides on one origin (GitHub project pages) keep separate progress.
  const script = document.currentScript;
  const siteRoot = new URL("../../../", script && script.src ? script.src : location.href);
  const STORAGE_KEY = `sg-progress-v1:${siteRoot.pathname}`;
  const FORMAT = "sg-progress";
  const VERSION = 1;
  const DEFAULT_INTERVALS = [0, 1, 3, 7, 14]; // cards.json's intervals_days replaces this
  const AGAIN_GAP = 3; // a "review again" card comes back after this many other cards

  // ---- saved progress ---------------------------------------------------------------------

  // Where localStorage is refused (some private modes, full storage) progress lives in memory
  // for the page's lifetime and the learner is told to export it.
  let memoryCopy = null;
  let storageBroken = false;

  function emptyProgress() {
    return { format: FORMAT, version: VERSION, cards: {} };
  }

  function isTime(value) {
    return typeof value === "string" && !Number.isNaN(Date.parse(value));
  }

  // A clean copy of parsed progress JSON; throws an Error saying what is wrong.
  function validate(data) {
    if (!data || typeof data !== "object" || Array.isArray(data)) throw new Error("expected a JSON object");
    if (data.format !== FORMAT) throw new Error(`not a progress file (expected "format": "${FORMAT}")`);
    if (data.version !== VERSION) throw new Error(`version ${data.version} is not supported (expected ${VERSION})`);
    if (!data.cards || typeof data.cards !== "object" || Array.isArray(data.cards)) {
      throw new Error('"cards" must be an object of question ids');
    }
    const cards = {};
    for (const [id, entry] of Object.entries(data.cards)) {
      if (!entry || !Number.isInteger(entry.box) || entry.box < 1 || !isTime(entry.due)) {
        throw new Error(`card "${id}" needs "box" (1 or more) and "due" (a time)`);
      }
      cards[id] = {
        box: entry.box,
        due: new Date(entry.due).toISOString(),
        last: new Date(isTime(entry.last) ? entry.last : entry.due).toISOString(),
        reviews: Number.isInteger(entry.reviews) && entry.reviews >= 0 ? entry.reviews : 0,
      };
    }
    return { format: FORMAT, version: VERSION, cards };
  }

  function loadProgress() {
    let text = memoryCopy;
    if (!storageBroken) {
      try {
        text = localStorage.getItem(STORAGE_KEY);
      } catch {
        storageBroken = true;
      }
    }
    if (!text) return emptyProgress();
    try {
      return validate(JSON.parse(text));
    } catch {
      return emptyProgress(); // unreadable (edited by hand?): start again rather than break the page
    }
  }

  // True when the progress will survive a reload.
  function saveProgress(progress) {
    const text = JSON.stringify(progress);
    memoryCopy = text;
    if (storageBroken) return false;
    try {
      localStorage.setItem(STORAGE_KEY, text);
      return true;
    } catch {
      storageBroken = true;
      return false;
    }
  }

  function clearProgress() {
    memoryCopy = null;
    try {
      localStorage.removeItem(STORAGE_KEY);
    } catch {
      storageBroken = true;
    }
  }

  function statusOf(entry) {
    if (!entry) return "new";
    return entry.box >= 2 ? "known" : "learning";
  }

  function showStatuses(root, progress) {
    for (const badge of root.querySelectorAll(".sg-status[data-question]")) {
      const status = statusOf(progress.cards[badge.dataset.question]);
      badge.dataset.status = status;
      badge.textContent = status;
      badge.title = `Your flashcard status: ${status}`;
      badge.hidden = false;
    }
  }

  // ---- helpers ----------------------------------------------------------------------------

  function isDue(entry, now) {
    return !entry || Date.parse(entry.due) <= now;
  }

  // Local midnight `days` after the day of `time` (setDate keeps daylight-saving days right).
  function daysLater(time, days) {
    const date = new Date(time);
    date.setHours(0, 0, 0, 0);
    date.setDate(date.getDate() + days);
    return date.getTime();
  }

  function shuffle(items) {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Same typesetting as math.js, for answers inserted after the page loaded.
  function typeset(root) {
    if (!window.katex) return;
    for (const node of root.querySelectorAll(".arithmatex")) {
      if (node.dataset.typeset) continue;
      const tex = node.textContent.trim().replace(/^\\[([]/, "").replace(/\\[)\]]$/, "");
      window.katex.render(tex, node, { displayMode: node.tagName === "DIV", throwOnError: false, output: "htmlAndMathml" });
      node.dataset.typeset = "1";
    }
  }

  // ---- the flashcards page ----------------------------------------------------------------

  class Study {
    constructor(root, data) {
      this.root = root;
      this.ui = {};
      for (const node of root.querySelectorAll("[data-fc]")) this.ui[node.dataset.fc] = node;
      this.cards = data.cards;
      this.byId = new Map(this.cards.map((card) => [card.id, card]));
      this.intervals = Array.isArray(data.intervals_days) && data.intervals_days.length ? data.intervals_days : DEFAULT_INTERVALS;
      this.queue = [];
      this.revealed = false;
      this.shuffled = false;
      this.practice = false; // studying the whole selection ahead of schedule

      const { ui } = this;
      const refilter = () => {
        this.practice = false;
        this.restart();
      };
      ui.topic.addEventListener("change", refilter);
      ui.difficulty.addEventListener("change", refilter);
      ui.shuffle.addEventListener("click", () => this.shuffle());
      ui.reveal.addEventListener("click", () => this.reveal());
      ui.knew.addEventListener("click", () => this.grade(true));
      ui.again.addEventListener("click", () => this.grade(false));
      ui.export.addEventListener("click", () => this.exportProgress());
      ui.import.addEventListener("click", () => ui["import-file"].click());
      ui["import-file"].addEventListener("change", () => this.importProgress());
      ui.reset.addEventListener("click", () => this.resetProgress());
      this.restart();
    }

    selection() {
      const topic = this.ui.topic.value;
      const level = this.ui.difficulty.value;
      return this.cards.filter((card) => (!topic || card.topics.includes(topic)) && (!level || card.difficulty === level));
    }

    // A new session over the selection: due cards in reading order (or shuffled).
    restart() {
      const progress = loadProgress();
      const now = Date.now();
      const chosen = this.selection().filter((card) => this.practice || isDue(progress.cards[card.id], now));
      this.queue = chosen.map((card) => card.id);
      if (this.shuffled) shuffle(this.queue);
      this.revealed = false;
      this.render();
    }

    shuffle() {
      this.shuffled = true;
      this.ui.shuffle.setAttribute("aria-pressed", "true");
      shuffle(this.queue);
      this.revealed = false;
      this.render();
    }

    render() {
      const { ui } = this;
      const progress = loadProgress();
      const left = this.queue.length;
      ui.count.textContent = `${left} card${left === 1 ? "" : "s"} left`;
      ui.count.dataset.count = String(left);
      const card = this.byId.get(this.queue[0]);
      ui.meta.hidden = ui.question.hidden = !card;
      ui.done.hidden = Boolean(card);
      ui.reveal.hidden = !card || this.revealed;
      ui.knew.hidden = ui.again.hidden = !card || !this.revealed;
      ui.answer.hidden = !card || !this.revealed;
      if (!card) {
        this.renderDone(progress);
        return;
      }
      ui.meta.replaceChildren(
        element("span", `sg-badge sg-badge--${card.difficulty}`, card.difficulty),
        element("span", "sg-fc__topics", card.topic_titles.join(", ")),
        Object.assign(element("span", "sg-status"), { hidden: true }),
      );
      ui.meta.lastChild.dataset.question = card.id;
      showStatuses(ui.meta, progress);
      ui.question.textContent = card.title;
      if (ui.answer.dataset.card !== card.id) {
        ui.answer.dataset.card = card.id;
        const points = card.key_points_html.length
          ? `<p class="sg-fc__label">Key points</p><ul>${card.key_points_html.map((point) => `<li>${point}</li>`).join("")}</ul>`
          : "";
        ui.answer.innerHTML = card.summary_html + points;
        const more = element("p", "sg-fc__more");
        more.append(Object.assign(element("a", "", "Read the full answer"), { href: new URL(card.url, siteRoot).href }));
        ui.answer.append(more);
        typeset(ui.answer);
      }
    }

    renderDone(progress) {
      const chosen = this.selection();
      const { done } = this.ui;
      if (!chosen.length) {
        done.replaceChildren(element("p", "", "No question matches these filters."));
        return;
      }
      const wasPractice = this.practice;
      this.practice = false;
      const upcoming = chosen
        .map((card) => progress.cards[card.id])
        .filter((entry) => entry && !isDue(entry, Date.now()))
        .map((entry) => Date.parse(entry.due));
      const next = upcoming.length ? new Date(Math.min(...upcoming)).toLocaleDateString(undefined, { weekday: "long", month: "long", day: "numeric" }) : null;
      const text = wasPractice ? "Practice finished." : "All done for now: no card in this selection is due.";
      const button = element("button", "md-button", `Practise all ${chosen.length} anyway`);
      button.type = "button";
      button.addEventListener("click", () => {
        this.practice = true;
        this.restart();
        this.ui.question.focus({ preventScroll: true });
      });
      done.replaceChildren(element("p", "", next ? `${text} Next card due ${next}.` : text), button);
    }

    // Returns whether the key press did something (so the caller can stop the page scrolling).
    reveal() {
      if (!this.queue.length || this.revealed) return false;
      this.revealed = true;
      this.render();
      this.ui.answer.focus({ preventScroll: true });
      return true;
    }

    grade(knewIt) {
      if (!this.queue.length || !this.revealed) return false;
      const id = this.queue.shift();
      const progress = loadProgress(); // re-read: another tab may have saved since
      const now = Date.now();
      const previous = progress.cards[id];
      const maxBox = this.intervals.length;
      // Leitner: knew it → one box up (a new card enters box 2); review again → box 1, due now.
      const box = knewIt ? Math.min(maxBox, (previous ? previous.box : 1) + 1) : 1;
      const due = box === 1 ? now : daysLater(now, this.intervals[box - 1]);
      progress.cards[id] = {
        box,
        due: new Date(due).toISOString(),
        last: new Date(now).toISOString(),
        reviews: (previous ? previous.reviews : 0) + 1,
      };
      if (!saveProgress(progress)) {
        this.say("This browser refuses to save here: your progress will be lost when you leave. Export it to keep it.");
      }
      if (!knewIt) this.queue.splice(Math.min(AGAIN_GAP, this.queue.length), 0, id);
      this.revealed = false;
      this.render();
      showStatuses(document, progress);
      this.ui.question.focus({ preventScroll: true });
      return true;
    }

    exportProgress() {
      const progress = loadProgress();
      const file = { format: FORMAT, version: VERSION, exported: new Date().toISOString(), cards: progress.cards };
      const blob = new Blob([`${JSON.stringify(file, null, 2)}\n`], { type: "application/json" });
      const link = element("a");
      link.href = URL.createObjectURL(blob);
      link.download = "study-progress.json";
      // Clicked detached, so Material's instant navigation never sees the click.
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
      this.say(`Exported progress for ${Object.keys(progress.cards).length} question(s) as study-progress.json.`);
    }

    async importProgress() {
      const input = this.ui["import-file"];
      const file = input.files && input.files[0];
      if (!file) return;
      input.value = ""; // choosing the same file again fires "change" again
      let incoming;
      try {
        incoming = validate(JSON.parse(await file.text()));
      } catch (error) {
        this.say(`Could not import ${file.name}: ${error.message}.`);
        return;
      }
      // Merge: for each question the more recently reviewed record wins.
      const progress = loadProgress();
      for (const [id, entry] of Object.entries(incoming.cards)) {
        const mine = progress.cards[id];
        if (!mine || Date.parse(entry.last) >= Date.parse(mine.last)) progress.cards[id] = entry;
      }
      saveProgress(progress);
      this.restart();
      showStatuses(document, progress);
      this.say(`Imported progress for ${Object.keys(incoming.cards).length} question(s) from ${file.name}.`);
    }

    resetProgress() {
      if (!window.confirm("Forget your progress on every card? Export it first if you may want it back.")) return;
      clearProgress();
      this.practice = false;
      this.restart();
      showStatuses(document, emptyProgress());
      this.say("Progress reset: every card is new again.");
    }

    say(text) {
      this.ui.message.textContent = text;
    }
  }

  let current = null; // the Study on the page shown now, if any

  function setUpPage(root) {
    if (root.dataset.sgReady) return; // already set up: document$ fired again for this page
    root.dataset.sgReady = "1";
    root.hidden = false;
    const question = root.querySelector('[data-fc="question"]');
    question.textContent = "Loading the cards…";
    for (const button of root.querySelectorAll('[data-fc="reveal"]')) button.hidden = true;
    const source = new URL(root.dataset.cards, location.href);
    fetch(source)
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json();
      })
      .then((data) => {
        if (!root.isConnected) return; // the learner navigated away meanwhile
        current = new Study(root, data);
      })
      .catch((error) => {
        const hint =
          location.protocol === "file:"
            ? "Browsers refuse this for pages opened from disk: serve the site folder, for example with `python3 -m http.server`."
            : "Reload the page to try again.";
        question.textContent = `Could not load the cards from ${source.pathname} (${error.message}). ${hint}`;
        for (const part of root.querySelectorAll(".sg-fc__controls, .sg-fc__tools")) part.hidden = true;
      });
  }

  function onPage() {
    showStatuses(document, loadProgress());
    const root = document.querySelector(".sg-fc[data-cards]");
    if (current && !current.root.isConnected) current = null;
    if (root) setUpPage(root);
  }

  document.addEventListener("keydown", (event) => {
    const study = current;
    if (!study || !study.root.isConnected) return;
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    const target = event.target instanceof Element ? event.target : null;
    if (target && (target.closest("input, textarea") || target.isContentEditable)) return;
    let handled = false;
    if (event.key === " ") {
      // On a focused control, Space is the browser's: it presses the button, opens the list.
      if (target && target.closest("button, a, summary, select")) return;
      handled = study.reveal();
    } else if (event.key === "1") {
      handled = study.grade(true);
    } else if (event.key === "2") {
      handled = study.grade(false);
    }
    if (handled) event.preventDefault();
  });

  // Progress saved in another tab: refresh the badges (and the card's status) here.
  window.addEventListener("storage", (event) => {
    if (event.key !== STORAGE_KEY && event.key !== null) return;
    showStatuses(document, loadProgress());
    if (current && current.root.isConnected) current.render();
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
})();
