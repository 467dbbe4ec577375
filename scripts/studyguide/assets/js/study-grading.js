// Grading, for the self-test, the flashcards deck and the mock exam: the FSRS scheduler's
// next state for a card, the review log, one-step undo, and the grade buttons with their
// intervals. Loaded by flashcards.js with the scheduler (ts-fsrs), when a learner first
// grades; it adds its functions to flashcards.js's sgStudy, whose store it writes.
(() => {
  "use strict";

  const study = window.sgStudy;
  if (!study || window.sgGrading) return;
  const { t, GRADES, iso, loadProgress, saveProgress, showProgress, element, button } = study;

  function retentionOf(settings) {
    const value = Number(settings.retention);
    return value >= 0.7 && value <= 0.99 ? value : 0.9;
  }

  // Fuzz off: the same ratings give the same schedule here and in py-fsrs (tests/test_fsrs_parity.py).
  function scheduler(settings) {
    const F = window.FSRS;
    const props = { request_retention: retentionOf(settings), enable_fuzz: false };
    if (Array.isArray(settings.parameters) && settings.parameters.length === F.default_w.length) props.w = settings.parameters;
    return F.fsrs(F.generatorParameters(props));
  }

  function toCard(entry, now) {
    if (!entry) return window.FSRS.createEmptyCard(new Date(now));
    return {
      due: new Date(entry.due),
      stability: entry.stability,
      difficulty: entry.difficulty,
      elapsed_days: 0,
      scheduled_days: entry.scheduled_days,
      learning_steps: entry.step,
      reps: entry.reps,
      lapses: entry.lapses,
      state: entry.state,
      last_review: new Date(entry.last),
    };
  }

  function fromCard(card, answer) {
    return {
      due: iso(card.due),
      stability: card.stability,
      difficulty: card.difficulty,
      state: card.state,
      step: card.learning_steps,
      scheduled_days: card.scheduled_days,
      reps: card.reps,
      lapses: card.lapses,
      last: iso(card.last_review),
      answer,
    };
  }

  // What each grade would do to a card now: [{grade, due}], for the buttons' intervals.
  function preview(id, now = Date.now()) {
    const progress = loadProgress();
    const f = scheduler(progress.settings);
    const card = toCard(progress.cards[id], now);
    return GRADES.map((_, i) => f.next(card, new Date(now), i + 1).card.due.getTime() - now);
  }

  let lastGrade = null; // one-step undo: {id, before, logLength}

  // Grade 1–4 (Again, Hard, Good, Easy); returns {entry, saved}. `answer` is the card's answer hash.
  function review(id, grade, answer, { now = Date.now(), duration = 0 } = {}) {
    const progress = loadProgress(); // re-read: another tab may have saved since
    const before = progress.cards[id] || null;
    const result = scheduler(progress.settings).next(toCard(before, now), new Date(now), grade);
    progress.cards[id] = fromCard(result.card, answer);
    // The review log, in the fsrs-optimizer's terms: card, time (ms), rating, state before, duration (ms).
    progress.log.push([id, now, grade, before ? before.state : 0, Math.max(0, Math.round(duration))]);
    lastGrade = { id, before, logLength: progress.log.length - 1 };
    const saved = saveProgress(progress);
    showProgress(document, progress);
    return { entry: progress.cards[id], saved };
  }

  function undoLast() {
    if (!lastGrade) return null;
    const { id, before, logLength } = lastGrade;
    lastGrade = null;
    const progress = loadProgress();
    if (before) progress.cards[id] = before;
    else delete progress.cards[id];
    if (progress.log[logLength] && progress.log[logLength][0] === id) progress.log.splice(logLength, 1);
    saveProgress(progress);
    showProgress(document, progress);
    return id;
  }

  // "10 min", "3 h", "2 days", "4 mo", "1.5 yr", in the catalogue's words.
  function interval(ms) {
    const minutes = Math.max(1, Math.round(ms / 60000));
    if (minutes < 60) return t("minutes", { n: minutes });
    const hours = Math.round(ms / 3600000);
    if (hours < 24) return t("hours", { n: hours });
    const days = Math.round(ms / 86400000);
    if (days < 31) return days === 1 ? t("days_one") : t("days_many", { n: days });
    if (days < 365) return t("months", { n: Math.round(days / 30.4) });
    return t("years", { n: Math.round((days / 365) * 10) / 10 });
  }

  // The four grade buttons with the interval each would give, and Undo. Pinned to the bottom
  // of a phone's screen by flashcards.css while shown.
  function gradeBar(onGrade, onUndo) {
    const bar = element("div", "sg-grades");
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", t("grade_label"));
    bar.hidden = true;
    GRADES.forEach((name, i) => {
      const b = button(`md-button sg-grade sg-grade--${name}${name === "good" ? " md-button--primary" : ""}`, "", () => onGrade(i + 1));
      b.dataset.grade = String(i + 1);
      b.append(element("span", "sg-grade__name", t(name)), element("span", "sg-grade__interval"), element("kbd", "", String(i + 1)));
      bar.append(b);
    });
    const undo = button("md-button sg-grade__undo", t("undo"), onUndo);
    undo.dataset.undo = "";
    undo.hidden = true;
    bar.undo = undo;
    return bar;
  }

  function showIntervals(bar, id) {
    const spans = preview(id);
    for (const b of bar.querySelectorAll("[data-grade]")) {
      b.querySelector(".sg-grade__interval").textContent = interval(spans[Number(b.dataset.grade) - 1]);
    }
  }

  function download(text, type, name) {
    const link = element("a");
    link.href = URL.createObjectURL(new Blob([text], { type }));
    link.download = name;
    // Clicked detached, so Material's instant navigation never sees the click.
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  // For the mock exam (mock.js) and the parity test: the same store and scheduler.
  // Forgets the one-step undo (after the progress was reset).
  function forgetUndo() {
    lastGrade = null;
  }

  Object.assign(study, { retentionOf, scheduler, preview, review, undoLast, forgetUndo, interval, gradeBar, showIntervals, download });
  window.sgGrading = true;
})();
