// The mock exam page: questions one at a time under a countdown,
// a notes box, then the model answer and follow-ups; each self-grade goes to the scheduler.
// Loaded by flashcards.js only on that page; it uses flashcards.js's store (window.sgStudy).
(() => {
  "use strict";

  const S = window.sgStudy;
  const { t, element, button } = S;
  const GRADES = ["again", "hard", "good", "easy"];

  function clock(ms) {
    const seconds = Math.max(0, Math.round(ms / 1000));
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  }

  class Mock {
    constructor(root, data) {
      this.root = root;
      this.cards = data.cards;
      this.ui = {};
      for (const node of root.querySelectorAll("[data-mock]")) this.ui[node.dataset.mock] = node;
      this.grades = S.gradeBar(
        (grade) => this.grade(grade),
        () => {},
      );
      this.ui.grades.append(this.grades);
      this.ui.setup.addEventListener("submit", (event) => {
        event.preventDefault();
        this.start();
      });
      this.ui.reveal.addEventListener("click", () => this.reveal());
      this.timer = null;
    }

    start() {
      const form = this.ui.setup;
      const topics = [...form.querySelectorAll('input[name="topic"]:checked')].map((box) => box.value);
      const level = form.elements.difficulty.value;
      const count = Math.max(1, Math.floor(Number(form.elements.count.value) || 1));
      const minutes = Number(form.elements.minutes.value);
      this.limit = (minutes > 0 ? minutes : 3) * 60000;
      const pool = this.cards.filter((card) => card.topics.some((topic) => topics.includes(topic)) && (!level || card.difficulty === level));
      if (!pool.length) {
        this.ui.status.textContent = t("mock_none");
        return;
      }
      for (let i = pool.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [pool[i], pool[j]] = [pool[j], pool[i]];
      }
      this.asked = pool.slice(0, count).map((card) => ({ card, used: 0, grade: 0 }));
      this.index = 0;
      this.ui.status.textContent = "";
      form.hidden = true;
      this.ui.summary.hidden = true;
      S.loadFsrs().then(() => this.show());
    }

    show() {
      const item = this.asked[this.index];
      const { ui } = this;
      ui.question.hidden = false;
      ui.answer.hidden = true;
      ui.answer.replaceChildren();
      this.grades.hidden = true;
      ui.question.classList.remove("sg-revealed");
      ui.reveal.hidden = false;
      ui.notes.value = "";
      ui.progress.textContent = t("mock_progress", { n: this.index + 1, count: this.asked.length });
      ui.title.textContent = item.card.title;
      this.started = Date.now();
      this.revealed = false;
      this.tick();
      clearInterval(this.timer);
      this.timer = setInterval(() => this.tick(), 250);
      ui.title.focus({ preventScroll: false });
    }

    tick() {
      if (!this.root.isConnected) {
        clearInterval(this.timer);
        return;
      }
      const left = this.limit - (Date.now() - this.started);
      this.ui.timer.textContent = t("mock_time_left", { time: clock(left) });
      this.ui.timer.classList.toggle("sg-mock__timer--low", left < 30000);
      if (left <= 0 && !this.revealed) {
        this.ui.timer.textContent = t("mock_time_up");
        this.reveal();
      }
    }

    reveal() {
      if (this.revealed || !this.asked || this.ui.question.hidden) return false;
      this.revealed = true;
      clearInterval(this.timer);
      const item = this.asked[this.index];
      item.used = Math.min(this.limit, Date.now() - this.started);
      const { card } = item;
      const { ui } = this;
      const answer = element("div", "sg-mock__model");
      answer.append(element("p", "sg-fc__label", t("mock_model_answer")));
      answer.insertAdjacentHTML("beforeend", card.summary_html);
      if (card.key_points_html.length) {
        answer.append(element("p", "sg-fc__label", t("key_points")));
        answer.insertAdjacentHTML("beforeend", `<ul>${card.key_points_html.map((point) => `<li>${point}</li>`).join("")}</ul>`);
      }
      if (card.follow_ups && card.follow_ups.length) {
        answer.append(element("p", "sg-fc__label", t("mock_follow_ups")));
        const list = element("ul", "sg-mock__follow-ups");
        for (const follow of card.follow_ups) {
          const li = element("li");
          li.append(element("span", "sg-mock__follow-up", follow.question));
          if (follow.answer_html) {
            const details = element("details", "sg-mock__follow-answer");
            details.append(element("summary", "", t("mock_follow_answer")));
            details.insertAdjacentHTML("beforeend", follow.answer_html);
            li.append(details);
          }
          list.append(li);
        }
        answer.append(list);
      }
      const more = element("p", "sg-fc__more");
      more.append(Object.assign(element("a", "", t("read_full")), { href: new URL(card.url, S.siteRoot).href, target: "_blank" }));
      answer.append(more);
      ui.answer.replaceChildren(answer);
      ui.answer.hidden = false;
      ui.reveal.hidden = true;
      S.showIntervals(this.grades, card.id);
      this.grades.hidden = false;
      ui.question.classList.add("sg-revealed");
      this.grades.querySelector('[data-grade="3"]').focus({ preventScroll: true });
      return true;
    }

    undo() {
      return false;
    }

    grade(grade) {
      if (!this.revealed || this.grades.hidden) return false;
      const item = this.asked[this.index];
      item.grade = grade;
      S.review(item.card.id, grade, item.card.answer_hash || "", { duration: item.used });
      this.grades.hidden = true;
      this.index += 1;
      if (this.index < this.asked.length) this.show();
      else this.finish();
      return true;
    }

    finish() {
      const { ui } = this;
      ui.question.hidden = true;
      ui.question.classList.remove("sg-revealed");
      const total = this.asked.reduce((sum, item) => sum + item.used, 0);
      const summary = [element("h2", "", t("mock_summary_title")), element("p", "", t("mock_summary_time", { time: clock(total), limit: clock(this.limit * this.asked.length) }))];
      const table = element("table");
      const head = element("tr");
      head.append(element("th", "", t("mock_col_question")), element("th", "", t("mock_col_time")), element("th", "", t("mock_col_grade")));
      table.append(head);
      for (const item of this.asked) {
        const row = element("tr");
        const cell = element("td");
        cell.append(Object.assign(element("a", "", item.card.title), { href: new URL(item.card.url, S.siteRoot).href }));
        row.append(cell, element("td", "", clock(item.used)), element("td", "", t(GRADES[item.grade - 1])));
        row.dataset.grade = String(item.grade);
        table.append(row);
      }
      summary.push(table);
      const weak = this.asked.filter((item) => item.grade <= 2);
      summary.push(element("h3", "", t("mock_review_title")));
      if (weak.length) {
        const list = element("ul", "sg-mock__weak");
        for (const item of weak) {
          const li = element("li");
          li.append(Object.assign(element("a", "", item.card.title), { href: new URL(item.card.url, S.siteRoot).href }));
          list.append(li);
        }
        summary.push(list);
      } else {
        summary.push(element("p", "", t("mock_review_none")));
      }
      const again = button("md-button md-button--primary", t("mock_again"), () => {
        ui.summary.hidden = true;
        ui.setup.hidden = false;
        ui.setup.querySelector("button, input").focus();
      });
      summary.push(again);
      ui.summary.replaceChildren(...summary);
      ui.summary.hidden = false;
      ui.summary.querySelector("h2").setAttribute("tabindex", "-1");
      ui.summary.querySelector("h2").focus();
    }
  }

  window.sgMock = (root, data) => new Mock(root, data);
})();
