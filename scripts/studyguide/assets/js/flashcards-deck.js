// The flashcards page (.sg-fc): a session over the selected cards, grading, undo, the
// learner's files (progress, review log, parameters) and the printed sheet of weak cards.
// Loaded by flashcards.js on that page only, which shares its store and scheduler (sgStudy).
(() => {
  "use strict";

  const {
    t,
    loadProgress,
    saveProgress,
    clearProgress,
    validate,
    retentionOf,
    scheduler,
    review,
    undoLast,
    forgetUndo,
    gradeBar,
    showIntervals,
    showProgress,
    element,
    button,
    download,
    siteRoot,
  } = window.sgStudy; // flashcards.js loads this after the grading code (js/study-grading.js)
  const REQUEUE_MS = 60 * 60 * 1000; // a card due again within the hour comes back this session…
  const REQUEUE_GAP = 3; // …after this many other cards

  function shuffle(items) {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  // A stable positive number for a question id (FNV-1a, 32 bits): the optimizer's card_id.
  function numericId(id) {
    let hash = 0x811c9dc5;
    for (const char of id) {
      hash ^= char.codePointAt(0);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash;
  }

  function escapeHtml(text) {
    const node = document.createElement("span");
    node.textContent = text;
    return node.innerHTML;
  }

  class Study {
    constructor(root, data) {
      this.root = root;
      this.ui = {};
      for (const node of root.querySelectorAll("[data-fc]")) this.ui[node.dataset.fc] = node;
      this.cards = data.cards;
      this.byId = new Map(this.cards.map((card) => [card.id, card]));
      this.queue = [];
      this.revealed = false;
      this.shuffled = false;
      this.practice = false; // studying the whole selection ahead of schedule
      this.shownAt = Date.now();

      const { ui } = this;
      this.grades = gradeBar(
        (grade) => this.grade(grade),
        () => this.undo(),
      );
      ui.actions.append(this.grades, this.grades.undo);
      const refilter = () => {
        this.practice = false;
        this.restart();
      };
      ui.topic.addEventListener("change", refilter);
      ui.difficulty.addEventListener("change", refilter);
      ui.shuffle.addEventListener("click", () => this.shuffle());
      ui.reveal.addEventListener("click", () => this.reveal());
      ui.export.addEventListener("click", () => this.exportProgress());
      ui.import.addEventListener("click", () => ui["import-file"].click());
      ui["import-file"].addEventListener("change", () => this.importProgress());
      ui.reset.addEventListener("click", () => this.resetProgress());
      ui["export-log"].addEventListener("click", () => this.exportLog());
      ui["import-params"].addEventListener("click", () => ui["params-file"].click());
      ui["params-file"].addEventListener("change", () => this.importParameters());
      ui["print-weak"].addEventListener("click", () => this.printWeak());
      ui.retention.value = String(retentionOf(loadProgress().settings));
      ui.retention.addEventListener("change", () => this.setRetention());
      this.restart();
    }

    selection() {
      const topic = this.ui.topic.value;
      const level = this.ui.difficulty.value;
      return this.cards.filter((card) => (!topic || card.topics.includes(topic)) && (!level || card.difficulty === level));
    }

    // A new session over the selection: due and new cards in reading order (or shuffled).
    restart() {
      const progress = loadProgress();
      const now = Date.now();
      const chosen = this.selection().filter((card) => this.practice || !progress.cards[card.id] || Date.parse(progress.cards[card.id].due) <= now);
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
      ui.count.textContent = left === 1 ? t("cards_left_one") : t("cards_left_many", { count: left });
      ui.count.dataset.count = String(left);
      const card = this.byId.get(this.queue[0]);
      ui.meta.hidden = ui.question.hidden = !card;
      ui.done.hidden = Boolean(card);
      ui.reveal.hidden = !card || this.revealed;
      this.grades.hidden = ui.answer.hidden = !card || !this.revealed;
      this.root.classList.toggle("sg-revealed", Boolean(card) && this.revealed);
      ui.changed.hidden = true;
      if (!card) {
        this.renderDone(progress);
        return;
      }
      const entry = progress.cards[card.id];
      ui.meta.replaceChildren(
        element("span", `sg-badge sg-badge--${card.difficulty}`, card.difficulty_title || card.difficulty),
        element("span", "sg-fc__topics", card.topic_titles.join(", ")),
        Object.assign(element("span", "sg-status"), { hidden: true }),
      );
      ui.meta.lastChild.dataset.question = card.id;
      showProgress(ui.meta, progress);
      ui.question.textContent = card.title;
      if (ui.answer.dataset.card !== card.id) {
        ui.answer.dataset.card = card.id;
        this.shownAt = Date.now();
        const points = card.key_points_html.length
          ? `<p class="sg-fc__label">${escapeHtml(t("key_points"))}</p><ul>${card.key_points_html.map((point) => `<li>${point}</li>`).join("")}</ul>`
          : "";
        ui.answer.innerHTML = card.summary_html + points;
        const more = element("p", "sg-fc__more");
        more.append(Object.assign(element("a", "", t("read_full")), { href: new URL(card.url, siteRoot).href }));
        ui.answer.append(more);
      }
      if (this.revealed) {
        ui.changed.hidden = !(entry && entry.answer && card.answer_hash && entry.answer !== card.answer_hash);
        ui.changed.textContent = t("answer_changed");
        showIntervals(this.grades, card.id);
      }
    }

    renderDone(progress) {
      const chosen = this.selection();
      const { done } = this.ui;
      if (!chosen.length) {
        done.replaceChildren(element("p", "", t("no_match")));
        return;
      }
      const wasPractice = this.practice;
      this.practice = false;
      const now = Date.now();
      const upcoming = chosen
        .map((card) => progress.cards[card.id])
        .filter((entry) => entry && Date.parse(entry.due) > now)
        .map((entry) => Date.parse(entry.due));
      const next = upcoming.length ? new Date(Math.min(...upcoming)).toLocaleString(undefined, { weekday: "long", month: "long", day: "numeric", hour: "numeric", minute: "2-digit" }) : null;
      const text = wasPractice ? t("practice_finished") : t("all_done");
      const again = button("md-button", t("practise_all", { count: chosen.length }), () => {
        this.practice = true;
        this.restart();
        this.ui.question.focus({ preventScroll: true });
      });
      done.replaceChildren(element("p", "", next ? `${text} ${t("next_due", { date: next })}` : text), again);
    }

    // Returns whether the key press did something (so the caller can stop the page scrolling).
    reveal() {
      if (!this.queue.length || this.revealed) return false;
      this.revealed = true;
      this.render();
      this.ui.answer.focus({ preventScroll: true });
      return true;
    }

    grade(grade) {
      if (!this.queue.length || !this.revealed) return false;
      const id = this.queue.shift();
      const card = this.byId.get(id);
      const { entry, saved } = review(id, grade, card.answer_hash || "", { duration: Date.now() - this.shownAt });
      this.say(saved ? "" : t("storage_refused"));
      // A card due again within the hour (Again, or a first learning step) comes back this session.
      if (Date.parse(entry.due) - Date.now() < REQUEUE_MS) this.queue.splice(Math.min(REQUEUE_GAP, this.queue.length), 0, id);
      this.lastQueue = { id, requeued: this.queue.includes(id) };
      this.grades.undo.hidden = false;
      this.revealed = false;
      this.render();
      this.ui.question.focus({ preventScroll: true });
      return true;
    }

    undo() {
      const id = undoLast();
      this.grades.undo.hidden = true;
      if (!id) return false;
      const at = this.queue.indexOf(id);
      if (at >= 0) this.queue.splice(at, 1);
      this.queue.unshift(id);
      this.revealed = true;
      this.render();
      this.say(t("undone"));
      this.grades.querySelector('[data-grade="3"]').focus({ preventScroll: true });
      return true;
    }

    setRetention() {
      const value = Number(this.ui.retention.value);
      const progress = loadProgress();
      if (!(value >= 0.7 && value <= 0.99)) {
        this.ui.retention.value = String(retentionOf(progress.settings));
        return;
      }
      progress.settings.retention = value;
      saveProgress(progress);
      this.render();
      this.say(t("retention_set", { retention: Math.round(value * 100) }));
    }

    exportProgress() {
      const progress = loadProgress();
      const file = { ...progress, exported: new Date().toISOString() };
      download(`${JSON.stringify(file, null, 2)}\n`, "application/json", "study-progress.json");
      this.say(t("exported", { count: Object.keys(progress.cards).length, file: "study-progress.json" }));
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
        this.say(t("import_failed", { file: file.name, error: error instanceof SyntaxError ? t("error_not_progress") : error.message }));
        return;
      }
      // Merge: for each question the more recently reviewed record wins; the logs are joined.
      const progress = loadProgress();
      for (const [id, entry] of Object.entries(incoming.cards)) {
        const mine = progress.cards[id];
        if (!mine || Date.parse(entry.last) >= Date.parse(mine.last)) progress.cards[id] = entry;
      }
      const seen = new Set(progress.log.map((row) => `${row[0]}@${row[1]}`));
      progress.log.push(...incoming.log.filter((row) => !seen.has(`${row[0]}@${row[1]}`)));
      progress.log.sort((a, b) => a[1] - b[1]);
      saveProgress(progress);
      this.restart();
      showProgress(document, progress);
      this.say(t("imported", { count: Object.keys(incoming.cards).length, file: file.name }));
    }

    // The review log in fsrs-optimizer's columns; card_id is a number (the optimizer groups by it).
    exportLog() {
      const { log } = loadProgress();
      const rows = ["card_id,review_time,review_rating,review_state,review_duration"];
      for (const [id, time, rating, state, duration] of log) rows.push([numericId(id), time, rating, state, duration].join(","));
      download(`${rows.join("\n")}\n`, "text/csv", "revlog.csv");
      this.say(t("log_exported", { count: log.length, file: "revlog.csv" }));
    }

    async importParameters() {
      const input = this.ui["params-file"];
      const file = input.files && input.files[0];
      if (!file) return;
      input.value = "";
      const numbers = ((await file.text()).match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/gi) || []).map(Number);
      let parameters;
      try {
        parameters = Array.from(window.FSRS.migrateParameters(numbers));
        if (parameters.length !== window.FSRS.default_w.length || numbers.length !== parameters.length) throw new Error(String(numbers.length));
        scheduler({ parameters }); // refuses out-of-range values
      } catch (error) {
        this.say(t("params_failed", { file: file.name, error: error.message }));
        return;
      }
      const progress = loadProgress();
      progress.settings.parameters = parameters;
      saveProgress(progress);
      this.render();
      this.say(t("params_imported", { count: parameters.length, file: file.name }));
    }

    // Cards due now or last graded Again or Hard, printed alone (print CSS hides the rest).
    printWeak() {
      const progress = loadProgress();
      const now = Date.now();
      const last = {};
      for (const [id, , rating] of progress.log) last[id] = rating;
      const weak = this.cards.filter((card) => {
        const entry = progress.cards[card.id];
        return entry && (Date.parse(entry.due) <= now || last[card.id] <= 2);
      });
      document.querySelector(".sg-weak")?.remove();
      const sheet = element("section", "sg-weak");
      sheet.append(element("h1", "", weak.length ? t("weak_title", { count: weak.length }) : t("weak_none")));
      for (const card of weak) {
        const item = element("article", "sg-weak__card");
        item.append(element("h2", "", card.title));
        item.insertAdjacentHTML("beforeend", card.summary_html);
        if (card.key_points_html.length) item.insertAdjacentHTML("beforeend", `<ul>${card.key_points_html.map((point) => `<li>${point}</li>`).join("")}</ul>`);
        sheet.append(item);
      }
      document.body.append(sheet);
      document.body.classList.add("sg-print-weak");
      const done = () => {
        document.body.classList.remove("sg-print-weak");
        sheet.remove();
        window.removeEventListener("afterprint", done);
      };
      window.addEventListener("afterprint", done);
      window.print();
    }

    resetProgress() {
      if (!window.confirm(t("reset_confirm"))) return;
      clearProgress();
      forgetUndo();
      this.grades.undo.hidden = true;
      this.practice = false;
      this.restart();
      showProgress(document, loadProgress());
      this.say(t("reset_done"));
    }

    say(text) {
      this.ui.message.textContent = text;
    }
  }

  window.sgDeck = (root, data) => new Study(root, data);
})();
