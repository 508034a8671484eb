// Case studies in the page: "Try this in the checker", practice mode and the facilitator's pack.
//
// Try it. A case's checker block ([data-case-study], built with the case's answers in
// data-case-input) is the page's own checker, which checkers.mjs runs. The button names the case by
// its id: it opens the checker, ticks the case's answers in the checker's form and submits the form
// through the checker's own handling once the checker is ready. The answers come from the page; none
// travel in a URL or in storage. The reader can then change an answer and check again.
//
// Practice. The model answer is folded away when the page opens, so that a trainee does not see it
// before answering: "Show the model answer" unfolds it for a reader; practice asks the case's
// questions first, and comparing shows the model answer with the learner's answers beside the
// model's, in a table. Nothing is stored or sent. Without JavaScript the page reads as it is, model
// answer and all; on paper the folded answer prints (practice mode prints the case alone).

const PRACTICE_HASH = "#practise";

const VERDICT_CLASS = { "Same as the model": "same", "Different from the model": "different", "Not answered": "none" }; // a link to a case with this fragment opens it in practice mode

function caseBlock(id) {
  return document.querySelector(`[data-case-study="${CSS.escape(id)}"]`);
}

// A case input's value as the form's values: booleans as "true"/"false", lists as they are.
function formValues(value) {
  return (Array.isArray(value) ? value : [value]).map((item) => String(item));
}

function fill(form, input) {
  for (const control of form.querySelectorAll('input[type="radio"], input[type="checkbox"]')) {
    const wanted = Object.hasOwn(input, control.name) ? formValues(input[control.name]) : [];
    control.checked = wanted.includes(control.value);
  }
}

// The checker's state, once it has finished loading: "ready" or "unavailable".
function settled(block) {
  const done = () => ["ready", "unavailable"].includes(block.dataset.checkerState);
  if (done()) return Promise.resolve(block.dataset.checkerState);
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!done()) return;
      observer.disconnect();
      resolve(block.dataset.checkerState);
    });
    observer.observe(block, { attributes: true, attributeFilter: ["data-checker-state"] });
  });
}

async function tryCase(button) {
  const block = caseBlock(button.dataset.caseTry);
  if (!block) return;
  const answer = block.closest("[data-case-answer]");
  if (answer && answer.hasAttribute("data-case-folded")) practices.get(button.dataset.caseTry)?.unfold(false);
  const form = block.querySelector("[data-checker-form]");
  block.dataset.caseState = "open";
  // The button stands outside the checker: starting it here is what touching the checker would do
  // (checkers.mjs starts a checker on its first focus, touch or key, or as it comes into view).
  block.dispatchEvent(new FocusEvent("focusin"));
  fill(form, JSON.parse(block.dataset.caseInput));
  form.dispatchEvent(new Event("change", { bubbles: true })); // the key questions follow the flow
  button.textContent = "Fill in the case's answers again";
  if ((await settled(block)) === "ready") {
    form.requestSubmit(); // the checker shows its result and moves the focus to it
  } else {
    form.querySelector("input").focus(); // the checker cannot run here: its questions, as a checklist
  }
}

class Practice {
  constructor(section) {
    this.section = section;
    this.id = section.dataset.casePractice;
    this.block = caseBlock(this.id);
    this.answer = document.querySelector(`[data-case-answer="${CSS.escape(this.id)}"]`);
    this.start = section.querySelector("[data-case-practice-start]");
    this.show = section.querySelector("[data-case-answer-show]");
    this.form = section.querySelector("[data-case-practice-form]");
    this.heading = this.form.querySelector("h3");
    this.comparison = null;
    this.start.addEventListener("click", () => this.begin());
    this.show.addEventListener("click", () => this.unfold());
    this.answer.dataset.caseFolded = "";
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.reveal();
    });
    section.hidden = false;
    if (window.location.hash === PRACTICE_HASH) this.begin(false);
  }

  // For a reader: the model answer, without practising ("Try this in the checker" unfolds it too, and
  // then moves the focus to the checker's result itself).
  unfold(moveFocus = true) {
    delete this.answer.dataset.caseFolded;
    this.answer.hidden = false;
    this.show.hidden = true;
    if (!moveFocus) return;
    const heading = this.answer.querySelector("h2");
    heading.tabIndex = -1;
    heading.focus();
  }

  begin(moveFocus = true) {
    this.form.reset();
    if (this.comparison) this.comparison.remove();
    this.comparison = null;
    this.section.hidden = false;
    this.answer.hidden = true;
    this.form.hidden = false;
    this.start.hidden = true;
    this.show.hidden = true;
    if (moveFocus) this.heading.focus();
  }

  rows() {
    const input = JSON.parse(this.block.dataset.caseInput);
    return [...this.form.querySelectorAll("fieldset[data-practice-question]")].map((fieldset) => {
      const id = fieldset.dataset.practiceQuestion;
      const labelOf = (value) => {
        const control = [...fieldset.querySelectorAll("input")].find((item) => item.value === value);
        return control ? fieldset.querySelector(`label[for="${CSS.escape(control.id)}"]`).textContent : value;
      };
      const yours = [...fieldset.querySelectorAll("input:checked")].map((control) => control.value);
      const model = id === "outcome" ? [this.block.dataset.outcome] : formValues(input[id]);
      const same = yours.length === model.length && yours.every((value) => model.includes(value));
      return {
        question: fieldset.querySelector("legend").textContent.replace(/^\d+\.\s*/, ""),
        yours: yours.map(labelOf).join(", "),
        model: model.map(labelOf).join(", "),
        verdict: !yours.length ? "Not answered" : same ? "Same as the model" : "Different from the model",
      };
    });
  }

  async reveal() {
    const { el } = await import("./checker-results.mjs");
    const rows = this.rows();
    const matched = rows.filter((row) => row.verdict === "Same as the model").length;
    const headingId = `${this.id}-comparison-heading`;
    const reasons = this.form.elements.reasons.value.trim();
    const again = el("button", { type: "button", class: "md-button" }, "Practise again");
    again.addEventListener("click", () => this.begin());
    const heading = el("h3", { id: headingId, tabindex: "-1" }, "Your answers beside the model answer");
    this.comparison = el("section", { class: "case-practice__comparison", "aria-labelledby": headingId, "data-case-comparison": "" },
      heading,
      el("p", {}, `Your answers match the model answer on ${matched} of ${rows.length} questions. The reasons and references follow.`),
      el("table", { class: "case-practice__table" },
        el("thead", {}, el("tr", {},
          el("th", { scope: "col" }, "Question"),
          el("th", { scope: "col" }, "Your answer"),
          el("th", { scope: "col" }, "Model answer"))),
        el("tbody", {}, rows.map((row) => el("tr", { "data-verdict": row.verdict },
          el("th", { scope: "row" }, row.question),
          // data-label: on a phone each row is a card, and each cell says which column it is
          el("td", { "data-label": "Your answer" }, row.yours ? [row.yours, el("br")] : null,
            el("strong", { class: `case-practice__verdict case-practice__verdict--${VERDICT_CLASS[row.verdict]}` }, row.verdict)),
          el("td", { "data-label": "Model answer" }, row.model))))),
      reasons ? el("div", { class: "case-practice__reasons-given" },
        el("h4", {}, "Your reasons"),
        el("p", {}, reasons)) : null,
      el("p", {}, again));
    this.answer.querySelector("h2").after(this.comparison);
    this.section.hidden = true; // "Practise again", in the comparison, brings it back
    delete this.answer.dataset.caseFolded;
    this.answer.hidden = false;
    heading.focus();
  }
}

for (const button of document.querySelectorAll("[data-case-try]")) {
  button.hidden = false;
  button.addEventListener("click", () => tryCase(button));
}

const practices = new Map();
for (const section of document.querySelectorAll("[data-case-practice]")) {
  const practice = new Practice(section);
  practices.set(practice.id, practice);
}

for (const button of document.querySelectorAll("[data-case-pack-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
