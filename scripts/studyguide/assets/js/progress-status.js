// The learner's status for each question they have studied, read from the progress the study
// script saves (assets/js/flashcards.js: localStorage `sg-study-v2:<guide>`, format
// "sg-progress", one FSRS card per question id). Read only, never written; an ES module so the
// search box (js/search.js) can import it when search opens, without the study script.
//
// The statuses are the ones the status badges and progress counts show (flashcards.js
// `statusOf`): new (never graded), due (due before the end of today), known (a card not due
// today; the badges' "learning" counts as known, as the progress counts do).

const FORMAT = "sg-progress";
export const STATUSES = ["new", "due", "known"];

export function storageKey(guide) {
  return `sg-study-v2:${guide}`;
}

function endOfToday(now) {
  const date = new Date(now);
  date.setHours(24, 0, 0, 0);
  return date.getTime();
}

// The status of one saved card (undefined: never graded).
export function statusOf(entry, now = Date.now()) {
  if (!entry) return "new";
  return Date.parse(entry.due) < endOfToday(now) ? "due" : "known";
}

let last = { key: null, text: null, day: 0, found: {} };

// {question id: "due" | "known"} for every question the learner has graded in this guide;
// {} when there is no progress, or it cannot be read (storage refused, another format).
// Read again on every call (a card graded in another tab counts at once), parsed again only
// when the saved text or the day changed.
export function studied(guide, now = Date.now()) {
  const key = storageKey(guide);
  let text = null;
  try {
    text = localStorage.getItem(key);
  } catch {
    return {};
  }
  const day = endOfToday(now);
  if (last.key === key && last.text === text && last.day === day) return last.found;
  last = { key, text, day, found: read(text, now) };
  return last.found;
}

function read(text, now) {
  let data = null;
  try {
    data = JSON.parse(text || "null");
  } catch {
    return {};
  }
  if (!data || data.format !== FORMAT || !data.cards || typeof data.cards !== "object") return {};
  const out = {};
  for (const [id, entry] of Object.entries(data.cards)) {
    if (entry && typeof entry.due === "string" && !Number.isNaN(Date.parse(entry.due))) out[id] = statusOf(entry, now);
  }
  return out;
}
