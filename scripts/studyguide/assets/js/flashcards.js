// The study loop on every page: the learner's progress (FSRS, in localStorage), the status
// badges (.sg-status[data-question]), progress counts and Continue (.sg-progress), the
// flashcards page (.sg-fc, its deck in flashcards-deck.js), the self-test on question pages
// (.sg-selftest) and the mock exam (.sg-mock, in mock.js); those two scripts load only on
// their pages, so a question page carries a third of the code. Words come from the page's #sg-study JSON (its data-study) (the
// UI-string catalogue); the FSRS scheduler (vendored ts-fsrs) is loaded only to grade.
// Material's document$ fires on the first load and after each instant navigation.
(() => {
  "use strict";

  // Evaluated twice (a second include, a theme re-running scripts): the first copy does the work.
  if (window.__sgFlashcards) return;
  window.__sgFlashcards = true;

  // assets/studyguide/js/flashcards.js → assets/studyguide/ and the site root.
  const script = document.currentScript;
  const assetBase = new URL("../", script && script.src ? script.src : location.href);
  const siteRoot = new URL("../../", assetBase);
  const LEGACY_KEY = `sg-progress-v1:${siteRoot.pathname}`; // the Leitner boxes of earlier versions
  const FORMAT = "sg-progress";
  const VERSION = 2;
  const LEITNER_DAYS = [0, 1, 3, 7, 14];
  const LEARNING = 1; // ts-fsrs State: New 0, Learning 1, Review 2, Relearning 3
  const REVIEW = 2;
  const GRADES = ["again", "hard", "good", "easy"];

  // ---- the page's words and guide -----------------------------------------------------------

  let config = { guide: siteRoot.pathname, strings: {} };

  function readConfig() {
    const node = document.getElementById("sg-study");
    if (!node) return false;
    try {
      const data = JSON.parse(node.dataset.study);
      if (data && typeof data.guide === "string" && data.strings) config = data;
    } catch {
      return false;
    }
    return true;
  }

  // A catalogue string with its {placeholders} filled in.
  function t(key, values = {}) {
    let text = config.strings[key] ?? key;
    for (const [name, value] of Object.entries(values)) text = text.split(`{${name}}`).join(String(value));
    return text;
  }

  // ---- saved progress ---------------------------------------------------------------------

  // Where localStorage is refused (some private modes, full storage) progress lives in memory
  // for the page's lifetime and the learner is told to export it.
  const memory = {};
  let storageBroken = false;
  const storageKey = () => `sg-study-v2:${config.guide}`;

  function emptyProgress() {
    return { format: FORMAT, version: VERSION, guide: config.guide, cards: {}, log: [], settings: {} };
  }

  const isTime = (value) => typeof value === "string" && !Number.isNaN(Date.parse(value));
  const iso = (time) => new Date(time).toISOString();

  function read(key) {
    if (!storageBroken) {
      try {
        return localStorage.getItem(key);
      } catch {
        storageBroken = true;
      }
    }
    return memory[key] ?? null;
  }

  function loadProgress() {
    const text = read(storageKey());
    if (!text) {
      const legacy = read(LEGACY_KEY);
      if (!legacy) return emptyProgress();
      try {
        const migrated = validate(JSON.parse(legacy)); // a Leitner file becomes FSRS cards
        saveProgress(migrated);
        return migrated;
      } catch {
        return emptyProgress();
      }
    }
    try {
      return validate(JSON.parse(text));
    } catch {
      return emptyProgress(); // unreadable (edited by hand?): start again rather than break the page
    }
  }

  // True when the progress will survive a reload.
  function saveProgress(progress) {
    const text = JSON.stringify(progress);
    memory[storageKey()] = text;
    if (storageBroken) return false;
    try {
      localStorage.setItem(storageKey(), text);
      return true;
    } catch {
      storageBroken = true;
      return false;
    }
  }

  function clearProgress() {
    const progress = loadProgress();
    saveProgress({ ...emptyProgress(), settings: progress.settings });
  }

  // FSRS's first difficulty for a grade (D0 of FSRS-6), for cards migrated from Leitner boxes.
  function initialDifficulty(grade) {
    const w = window.FSRS ? window.FSRS.default_w : [0, 0, 0, 0, 6.4133, 0.8334];
    return Math.min(10, Math.max(1, w[4] - Math.exp(w[5] * (grade - 1)) + 1));
  }

  // A Leitner card: box 1 was "review again" (relearning, due as it was); box n ≥ 2 was known
  // for its interval, which is the stability that gives that interval at 90 % retention.
  function fromLeitner(entry) {
    const box = entry.box;
    const days = LEITNER_DAYS[Math.min(box, LEITNER_DAYS.length) - 1];
    const known = box >= 2;
    return {
      due: iso(entry.due),
      stability: known ? days : 0.212,
      difficulty: initialDifficulty(known ? 3 : 1),
      state: known ? REVIEW : 3,
      step: 0,
      scheduled_days: days,
      reps: Number.isInteger(entry.reviews) ? entry.reviews : 1,
      lapses: known ? 0 : 1,
      last: iso(isTime(entry.last) ? entry.last : entry.due),
      answer: "",
      box,
    };
  }

  // A clean copy of parsed progress JSON (this version's, or a Leitner file of version 1);
  // throws an Error whose message is the catalogue's reason.
  function validate(data) {
    if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== FORMAT) throw new Error(t("error_not_progress"));
    if (data.version !== VERSION && data.version !== 1) throw new Error(t("error_version", { version: data.version }));
    if (!data.cards || typeof data.cards !== "object" || Array.isArray(data.cards)) throw new Error(t("error_not_progress"));
    const cards = {};
    for (const [id, entry] of Object.entries(data.cards)) {
      if (data.version === 1) {
        if (!entry || !Number.isInteger(entry.box) || entry.box < 1 || !isTime(entry.due)) throw new Error(t("error_card", { id }));
        cards[id] = fromLeitner(entry);
        continue;
      }
      const numbers = ["stability", "difficulty", "state", "reps", "lapses"].every((k) => Number.isFinite(entry?.[k]));
      if (!numbers || !isTime(entry.due) || !isTime(entry.last)) throw new Error(t("error_card", { id }));
      cards[id] = {
        due: iso(entry.due),
        stability: entry.stability,
        difficulty: entry.difficulty,
        state: entry.state,
        step: Number.isInteger(entry.step) ? entry.step : 0,
        scheduled_days: Number.isFinite(entry.scheduled_days) ? entry.scheduled_days : 0,
        reps: entry.reps,
        lapses: entry.lapses,
        last: iso(entry.last),
        answer: typeof entry.answer === "string" ? entry.answer : "",
      };
      if (Number.isInteger(entry.box)) cards[id].box = entry.box;
    }
    const log = Array.isArray(data.log) ? data.log.filter((row) => Array.isArray(row) && row.length >= 5) : [];
    const settings = data.settings && typeof data.settings === "object" ? data.settings : {};
    return { format: FORMAT, version: VERSION, guide: config.guide, cards, log, settings };
  }

  // ---- the scheduler ----------------------------------------------------------------------

  const loading = {};

  // One of the package's scripts, added to the page once, when first needed.
  function loadScript(path, global) {
    if (window[global]) return Promise.resolve(window[global]);
    if (!loading[path]) {
      loading[path] = new Promise((resolve, reject) => {
        const tag = document.createElement("script");
        tag.src = new URL(path, assetBase).href;
        tag.onload = () => resolve(window[global]);
        tag.onerror = () => {
          delete loading[path];
          reject(new Error(tag.src));
        };
        document.head.append(tag);
      });
    }
    return loading[path];
  }

  // The scheduler and the grading code (js/study-grading.js, which adds to sgStudy) load
  // together, when the self-test is on or a study page starts: most question page views never grade.
  const loadFsrs = () =>
    Promise.all([loadScript("vendor/ts-fsrs/ts-fsrs.umd.js", "FSRS"), loadScript("js/study-grading.js", "sgGrading")]).then(([F]) => F);

  // ---- statuses, counts and Continue ----------------------------------------------------------

  function endOfToday(now = Date.now()) {
    const date = new Date(now);
    date.setHours(24, 0, 0, 0);
    return date.getTime();
  }

  // new (never graded), due (today), learning (in its first steps), known (a review card not due today).
  function statusOf(entry, now = Date.now()) {
    if (!entry) return "new";
    if (Date.parse(entry.due) < endOfToday(now)) return "due";
    return entry.state === REVIEW ? "known" : "learning";
  }

  function showProgress(root, progress) {
    const now = Date.now();
    for (const badge of root.querySelectorAll(".sg-status[data-question]")) {
      const status = statusOf(progress.cards[badge.dataset.question], now);
      badge.dataset.status = status;
      badge.textContent = t(`status_${status}`);
      badge.title = t("status_title", { status: t(`status_${status}`) });
      badge.hidden = false;
    }
    if (root.querySelector(".sg-progress[data-topic]")) withCards((data) => fillCounts(root, data, progress));
  }

  // ---- card data (downloads/cards.json), fetched once per page load -------------------------

  let cardsPromise = null;

  function fetchCards(url) {
    if (!cardsPromise) {
      cardsPromise = fetch(url).then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json();
      });
      cardsPromise.catch(() => (cardsPromise = null));
    }
    return cardsPromise;
  }

  function withCards(use) {
    const holder = document.querySelector("[data-cards]");
    if (!holder) return;
    fetchCards(new URL(holder.dataset.cards, location.href)).then(use, () => {});
  }

  // Counts per topic (data-topic="" for the whole guide) and one Continue link.
  function fillCounts(root, data, progress) {
    const now = Date.now();
    for (const box of root.querySelectorAll(".sg-progress[data-topic]")) {
      const topic = box.dataset.topic;
      const cards = data.cards.filter((card) => !topic || card.topics.includes(topic));
      const tally = { known: 0, due: 0, new: 0, learning: 0 };
      for (const card of cards) tally[statusOf(progress.cards[card.id], now)] += 1;
      box.hidden = false;
      const counts = box.querySelector("[data-counts]") || box;
      counts.textContent = t("counts", { known: tally.known + tally.learning, due: tally.due, new: tally.new });
      for (const [name, value] of Object.entries(tally)) counts.dataset[name] = String(value);
      const link = box.querySelector("a[data-continue]");
      if (!link) continue;
      const next =
        cards.filter((card) => statusOf(progress.cards[card.id], now) === "due").sort((a, b) => Date.parse(progress.cards[a.id].due) - Date.parse(progress.cards[b.id].due))[0] ||
        cards.find((card) => !progress.cards[card.id]);
      link.hidden = !next;
      if (next) {
        link.href = new URL(next.url, siteRoot).href;
        link.textContent = t("continue", { title: next.title });
        link.dataset.continue = next.id;
      }
    }
  }

  // ---- helpers ----------------------------------------------------------------------------

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(className, text, onClick) {
    const node = element("button", className, text);
    node.type = "button";
    if (onClick) node.addEventListener("click", onClick);
    return node;
  }

  // ---- self-test on a question page -----------------------------------------------------------

  // "Answer it yourself first": the short answer, full answer and key points (between the
  // .sg-selftest and .sg-selftest-end markers) stay hidden until Show answer, then the four
  // grades write to the same progress as the flashcards. On or off is remembered per learner.
  class SelfTest {
    constructor(marker) {
      this.marker = marker;
      this.id = marker.dataset.question;
      this.answer = marker.dataset.answer || "";
      this.end = document.querySelector(".sg-selftest-end");
      this.revealed = false;
      this.shownAt = Date.now();
      const root = (this.root = element("div", "sg-study sg-selftest__panel"));
      root.setAttribute("data-search-exclude", "");
      const label = element("label", "sg-selftest__toggle");
      this.toggle = Object.assign(element("input"), { type: "checkbox" });
      label.append(this.toggle, ` ${t("selftest_toggle")}`);
      this.prompt = element("p", "sg-selftest__prompt", t("selftest_prompt"));
      this.reveal_ = button("md-button md-button--primary", t("show_answer"), () => this.reveal());
      this.reveal_.append(" ", element("kbd", "", "Space"));
      root.append(label, this.prompt, this.reveal_);
      this.grades = null; // the grade buttons, made once the grading code has loaded
      this.after = element("div", "sg-study sg-selftest__grades");
      this.after.setAttribute("data-search-exclude", "");
      this.message = element("p", "sg-selftest__message");
      this.message.setAttribute("role", "status");
      this.after.append(element("p", "sg-selftest__ask", t("grade_label")), this.message);
      (this.end || marker).after(this.after);
      this.toggle.checked = Boolean(loadProgress().settings.selftest);
      this.toggle.addEventListener("change", () => {
        const progress = loadProgress();
        progress.settings.selftest = this.toggle.checked;
        saveProgress(progress);
        this.revealed = false;
        this.render();
      });
      this.render();
    }

    get on() {
      return this.toggle.checked;
    }

    hidden() {
      const parts = [];
      for (let node = this.marker.nextElementSibling; node && node !== this.end && node !== this.after; node = node.nextElementSibling) {
        if (node !== this.root) parts.push(node);
      }
      return parts;
    }

    // Off, the switch sits under the short answer and its meta line, so the answer stays the
    // first thing under the title; on, the panel takes the answer's place until Show answer.
    place() {
      const anchor = this.on ? this.marker : document.querySelector("article .sg-meta") || this.marker;
      if (this.root.previousElementSibling !== anchor) anchor.after(this.root);
    }

    render() {
      this.place();
      const covered = this.on && !this.revealed;
      for (const node of this.hidden()) node.classList.toggle("sg-selftest__covered", covered);
      this.prompt.hidden = this.reveal_.hidden = !covered;
      this.after.hidden = !this.on || !this.revealed;
      if (this.grades) this.showGrades();
      if (this.on) {
        // Until the grading code is here (or if it cannot load), the panel says so rather than showing no buttons.
        if (!this.grades && this.revealed) this.message.textContent = t("grading_loading");
        loadFsrs().then(
          () => {
            if (this.message.textContent === t("grading_loading")) this.message.textContent = "";
            this.showGrades();
            if (this.revealed && !this.graded) window.sgStudy.showIntervals(this.grades, this.id);
          },
          (error) => {
            this.message.textContent = t("grading_failed", { error: error.message, hint: t("hint_reload") });
          },
        );
      }
    }

    showGrades() {
      if (!this.grades) {
        this.grades = window.sgStudy.gradeBar(
          (grade) => this.grade(grade),
          () => this.undo(),
        );
        this.message.before(this.grades, this.grades.undo);
      }
      this.grades.hidden = this.after.hidden || this.graded;
      this.after.classList.toggle("sg-revealed", !this.grades.hidden);
    }

    reveal() {
      if (!this.on || this.revealed) return false;
      this.revealed = true;
      this.graded = false;
      this.render();
      return true;
    }

    grade(grade) {
      if (!this.on || !this.revealed || this.graded || !this.grades) return false;
      const { review, interval } = window.sgStudy;
      const { entry, saved } = review(this.id, grade, this.answer, { duration: Date.now() - this.shownAt });
      this.graded = true;
      this.render();
      this.grades.undo.hidden = false;
      const next = interval(Date.parse(entry.due) - Date.now());
      this.message.textContent = saved ? t("graded", { grade: t(GRADES[grade - 1]), interval: next }) : t("storage_refused");
      this.grades.undo.focus({ preventScroll: true });
      return true;
    }

    undo() {
      if (!this.graded || !window.sgStudy.undoLast()) return false;
      this.graded = false;
      this.grades.undo.hidden = true;
      this.message.textContent = t("undone");
      this.render();
      return true;
    }
  }

  let current = null; // what the keys drive on the page shown now: a Study or a SelfTest

  function setUpFlashcards(root) {
    if (root.dataset.sgReady) return; // already set up: document$ fired again for this page
    root.dataset.sgReady = "1";
    root.hidden = false;
    const question = root.querySelector('[data-fc="question"]');
    question.textContent = t("loading");
    for (const b of root.querySelectorAll('[data-fc="reveal"]')) b.hidden = true;
    const source = new URL(root.dataset.cards, location.href);
    // The deck takes the grading functions from sgStudy as it loads: it comes after them.
    Promise.all([fetchCards(source), loadFsrs().then(() => loadScript("js/flashcards-deck.js", "sgDeck"))])
      .then(([data]) => {
        if (!root.isConnected) return; // the learner navigated away meanwhile
        current = window.sgDeck(root, data);
      })
      .catch((error) => {
        const hint = location.protocol === "file:" ? t("hint_file") : t("hint_reload");
        question.textContent = t("load_failed", { path: source.pathname, error: error.message, hint });
        for (const part of root.querySelectorAll(".sg-fc__controls, .sg-fc__tools")) part.hidden = true;
      });
  }

  function onPage() {
    readConfig();
    if (current && !current.root.isConnected) current = null;
    showProgress(document, loadProgress());
    const root = document.querySelector(".sg-fc[data-cards]");
    if (root) setUpFlashcards(root);
    const mock = document.querySelector(".sg-mock[data-cards]");
    if (mock && !mock.dataset.sgReady) {
      mock.dataset.sgReady = "1";
      mock.hidden = false;
      Promise.all([fetchCards(new URL(mock.dataset.cards, location.href)), loadScript("js/mock.js", "sgMock"), loadFsrs()]).then(
        ([data]) => {
          if (mock.isConnected) current = window.sgMock(mock, data);
        },
        (error) => {
          mock.replaceChildren(element("p", "", t("load_failed", { path: mock.dataset.cards, error: error.message, hint: t("hint_reload") })));
        },
      );
    }
    const marker = document.querySelector(".sg-selftest[data-question]");
    if (marker && !marker.dataset.sgReady) {
      marker.dataset.sgReady = "1";
      current = new SelfTest(marker);
    }
  }

  document.addEventListener("keydown", (event) => {
    const study = current;
    if (!study || !study.root.isConnected) return;
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    const target = event.target instanceof Element ? event.target : null;
    if (target && (target.closest("input, textarea, select") || target.isContentEditable)) return;
    let handled = false;
    if (event.key === " ") {
      // On a focused control, Space is the browser's: it presses the button, opens the list.
      if (target && target.closest("button, a, summary")) return;
      handled = study.reveal();
    } else if (["1", "2", "3", "4"].includes(event.key)) {
      handled = study.grade(Number(event.key));
    } else if (event.key === "u" || event.key === "U") {
      handled = study.undo();
    }
    if (handled) event.preventDefault();
  });

  // Progress saved in another tab: refresh the badges (and the card's status) here.
  window.addEventListener("storage", (event) => {
    if (event.key !== storageKey() && event.key !== null) return;
    showProgress(document, loadProgress());
    if (current && current.root.isConnected && current.render) current.render();
  });

  // For the flashcards page (flashcards-deck.js), the mock exam (mock.js) and the parity test:
  // the same store and scheduler.
  // js/study-grading.js adds the scheduler's functions (review, preview, gradeBar…) once loaded.
  window.sgStudy = {
    t,
    GRADES,
    iso,
    loadFsrs,
    loadProgress,
    saveProgress,
    clearProgress,
    validate,
    showProgress,
    statusOf,
    element,
    button,
    siteRoot,
  };

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
})();
