// Turns a checker's JSON result into the result region's content, for someone short of time and not a
// lawyer: the outcome first, in a banner with its own colour, icon and words; one plain sentence; what
// to do now; who to ask; why, in plain English; and last, one click away, the law it rests on. Each
// part is marked data-result-section="actions", "ask", "why" or "law". Everything is drawn from the
// result's data, never from a list of questions kept here.
//
// Text is always set as text, never parsed as HTML. Guidance links ("lawful-bases.md#consent") become
// links into this site. Words, icons and local contacts come from the page, rendered at build time
// (safeguarding_guidance/checker_form.py): the outcomes' words as JSON data, the icons as an SVG sprite, and a
// partnership's contacts as <template>s.

const SVG = "http://www.w3.org/2000/svg";

const STATUS_LABELS = { met: "Met", not_met: "Not met", check: "Check" };

// Phrases in the checkers' advice that name another part of this site: linked where they appear.
const LINKED_PHRASES = [
  ["the key questions checker", "checkers/key-questions.md"],
  ["the lawful basis checker", "checkers/lawful-basis.md"],
  ["the proportionality checker", "checkers/proportionality.md"],
  ["what to record", "#what-to-record"],
];

// The children's social care front door, and the advisers a partnership gives contacts for.
const FRONT_DOOR = "childrens_social_care";

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

// "situations/sending-securely.md#x" -> "<site root>situations/sending-securely/#x"
export function guidanceUrl(guidance, siteRoot) {
  const [path, anchor] = guidance.split("#");
  const page = path.replace(/\.md$/, "/").replace(/(^|\/)index\/$/, "$1");
  const url = new URL(page, siteRoot);
  if (anchor) url.hash = anchor;
  return url.href;
}

function hidden(text) {
  return el("span", { class: "checker-visually-hidden" }, text);
}

function icon(context, key, className) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("class", className);
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.setAttribute("viewBox", "0 0 24 24");
  const use = document.createElementNS(SVG, "use");
  use.setAttribute("href", `#${context.checker}-icon-${key.replaceAll("_", "-")}`);
  svg.append(use);
  return svg;
}

function capitalise(text) {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

function sentence(text) {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

// Text with the phrases that name another part of the site made into links (not a link to the page
// the reader is on).
function linked(text, context) {
  const here = `checkers/${context.checker}.md`;
  const phrases = LINKED_PHRASES.filter(([, target]) => target !== here);
  const pattern = new RegExp(`(${phrases.map(([phrase]) => phrase).join("|")})`, "i");
  return text.split(pattern).map((part, index) => {
    if (index % 2 === 0) return part;
    const target = phrases.find(([phrase]) => phrase === part.toLowerCase())[1];
    const href = target.startsWith("#") ? `#${context.id(target.slice(1))}` : guidanceUrl(target, context.siteRoot);
    return el("a", { href }, part);
  });
}

function section(name, title, context, ...content) {
  const heading = context.id(`${name}-heading`);
  return el("section", { class: `checker-result__section checker-result__section--${name}`, "data-result-section": name, "aria-labelledby": heading },
    el("h3", { id: heading }, title), ...content);
}

function list(tag, items, render, className) {
  return el(tag, { class: className }, items.map((item) => el("li", {}, render(item))));
}

function guidanceLink(guidance, about, context) {
  return el("a", { href: guidanceUrl(guidance, context.siteRoot), class: "checker-result__more" }, "Read our guidance", hidden(` on ${about}`));
}

// The outcome, its icon and its words, and the one plain sentence.
function banner(result, context) {
  const words = context.words.outcomes[result.outcome] || result.outcome;
  const heading = el("h2", { class: "checker-outcome__heading", id: context.id("heading"), tabindex: "-1", "data-result-heading": "" },
    el("span", { class: "checker-outcome__kicker" }, "Result", hidden(":"), " "),
    el("span", { class: "checker-outcome__words" }, words));
  const box = el("div", { class: `checker-outcome outcome outcome--${result.outcome.replaceAll("_", "-")}` },
    icon(context, result.outcome, "checker-outcome__icon"),
    el("div", { class: "checker-outcome__text" }, heading, el("p", { class: "checker-outcome__summary" }, result.summary)));
  return { box, heading };
}

function nextQuestion(result, context) {
  const input = context.root.querySelector(`fieldset[data-question="${CSS.escape(result.next_question.id)}"] input`);
  return ["Answer the next question: ", input ? el("a", { href: `#${input.id}` }, result.next_question.label) : result.next_question.label];
}

function actions(result, context) {
  const parts = [];
  const steps = [...(result.actions || [])].map((action) => linked(action, context));
  if (result.next_question) steps.unshift(nextQuestion(result, context));
  if (steps.length) parts.push(list("ol", steps, (step) => step, "checker-result__steps"));
  if (result.judgements && result.judgements.length) {
    parts.push(el("h4", { id: context.id("judgements") }, "Judgements for you to make and record"),
      list("ul", result.judgements, (judgement) => linked(judgement.text, context), "checker-result__judgements"));
  }
  if (result.warnings && result.warnings.length) {
    parts.push(el("div", { class: "checker-result__caution" },
      el("p", {}, el("strong", {}, "Take care")), list("ul", result.warnings, (w) => linked(w, context))));
  }
  if (result.record && result.record.length) {
    const record = context.root.querySelector("[data-checker-record] h2");
    parts.push(el("h4", { id: context.id("what-to-record") }, "What to record"),
      list("ul", result.record, (item) => item),
      record ? el("p", {}, el("a", { href: `#${record.id}` }, "Make your record below")) : null);
  }
  return parts.length ? section("actions", "What to do now", context, ...parts) : null;
}

function contact(context, key) {
  const template = context.root.querySelector(`template[data-contact="${CSS.escape(key)}"]`);
  return template ? template.content.cloneNode(true) : null;
}

function ask(result, context) {
  const items = (result.ask || []).map((adviser) => {
    const local = contact(context, adviser.who);
    return [el("strong", {}, capitalise(adviser.label)), `: ${sentence(adviser.why)}`,
      local ? el("span", { class: "checker-contact" }, " In your area: ", local) : null];
  });
  if (result.outcome !== "incomplete") {
    const frontDoor = contact(context, FRONT_DOOR);
    items.push([el("strong", {}, "If a child is in immediate danger"), ": call 999. If you think a child is at risk of harm, contact ",
      frontDoor || "children's social care", /[.?!]\s*$/.test(frontDoor ? frontDoor.textContent : "") ? null : "."]);
  }
  return items.length ? section("ask", "Who to ask", context, list("ul", items, (item) => item, "checker-result__ask")) : null;
}

// A provision that is reported but not confirmed, or not in force, says so in words beside it.
function status(item) {
  if (!item.status_text || item.status === "in_force") return null;
  return el("span", { class: `checker-law__status checker-law__status--${(item.status || "").replaceAll("_", "-")}` },
    sentence(capitalise(item.status_text)), " ");
}

function findings(title, items, context) {
  if (!items || !items.length) return [];
  return [el("h4", {}, title), list("ul", items, (finding) => [
    el("strong", {}, finding.label), `: ${finding.reason} `, status(finding), guidanceLink(finding.guidance, finding.label, context)])];
}

const WHY = {
  "lawful-basis": (result, context) => {
    const parts = [];
    const le = result.law_enforcement;
    if (le) {
      parts.push(el("h4", {}, "Police and probation work on crime"), el("p", {}, le.reason));
      if (le.sensitive_processing) parts.push(el("p", {}, el("strong", {}, "Sensitive information: "), le.sensitive_processing.reason));
    }
    parts.push(...findings("The lawful basis, best fit first", result.article6, context));
    parts.push(...findings("Health and other special category information", result.article9, context));
    parts.push(...findings("Information about crimes and offences", result.article10, context));
    if (result.confidentiality) {
      const judgement = result.confidentiality.id === "public_interest_judgement";
      parts.push(el("h4", {}, "Confidentiality"),
        judgement ? el("p", { class: "checker-result__judgement" }, el("strong", {}, "This is your judgement to make and record. ")) : null,
        el("p", {}, result.confidentiality.reason));
    }
    parts.push(...findings("Laws that let or require you to share", result.gateways, context));
    return parts;
  },
  proportionality: (result, context) => [
    el("ul", { class: "checker-principles" }, result.principles.map((principle) =>
      el("li", { class: `checker-principle status status--${principle.status.replaceAll("_", "-")}`, "data-principle": principle.id, "data-status": principle.status },
        el("div", { class: "checker-principle__top" },
          el("h4", { class: "checker-principle__name" },
            el("a", { href: guidanceUrl(principle.guidance, context.siteRoot) }, capitalise(principle.id.replaceAll("_", " ")))),
          el("span", { class: "checker-status" }, icon(context, principle.status, "checker-status__icon"), STATUS_LABELS[principle.status] || principle.status)),
        el("p", { class: "checker-principle__advice" }, principle.advice)))),
  ],
  "key-questions": (result) => result.path.length ? [
    el("p", {}, result.outcome === "incomplete" ? "Your answers so far:" : "Your answers led to this result:"),
    list("ol", result.path, (step) => [`${step.question} `, el("strong", {}, step.answer_label)], "checker-result__path"),
  ] : [],
};

function why(result, context) {
  const parts = (WHY[context.checker] || (() => []))(result, context);
  return parts.length ? section("why", "Why", context, ...parts) : null;
}

function law(result, context) {
  const seen = new Set();
  const references = (result.references || []).filter((r) => !seen.has(r.citation) && seen.add(r.citation));
  if (!references.length) return null;
  const item = (r) => [
    el("strong", {}, r.title), el("br"),
    `${r.citation}. `,
    r.status_text ? el("span", { class: `checker-law__status checker-law__status--${(r.status || "").replaceAll("_", "-")}` }, sentence(capitalise(r.status_text))) : null,
    r.status_text ? " " : null,
    el("a", { href: r.url }, "Official text", hidden(` of ${r.citation}`)),
    " · ",
    el("a", { href: guidanceUrl(r.guidance, context.siteRoot) }, "Our guidance", hidden(` on ${r.title}`)),
  ];
  return el("section", { class: "checker-result__section checker-result__section--law", "data-result-section": "law" },
    el("details", { class: "checker-law" },
      el("summary", { class: "checker-law__summary" }, "The law this rests on"),
      el("p", {}, "The provisions and guidance behind this result, with links to the official text."),
      list("ul", references, item, "checker-law__list")));
}

function contextFor(region, checker, siteRoot) {
  const root = region.closest("[data-checker]");
  const words = root.querySelector("[data-checker-words]");
  return {
    checker,
    siteRoot,
    root,
    words: words ? JSON.parse(words.textContent) : { outcomes: {} },
    id: (part) => `${checker}-result-${part}`,
  };
}

// Fill the result region for a successful evaluation; returns the result's heading (for focus).
export function renderResult(region, checker, result, siteRoot) {
  const context = contextFor(region, checker, siteRoot);
  const { box, heading } = banner(result, context);
  region.replaceChildren(
    box,
    ...[actions(result, context), ask(result, context), why(result, context), law(result, context)].filter(Boolean),
    el("p", { class: "checker-result__disclaimer" },
      "This result supports your professional judgement. It is not legal advice."),
  );
  region.dataset.outcome = result.outcome;
  return heading;
}

// Words for the result, for a screen reader to announce when the focus does not move to it.
export function announcement(region, result) {
  const words = contextFor(region, region.closest("[data-checker]").dataset.checker, "").words.outcomes;
  return `Result: ${words[result.outcome] || result.outcome}. ${result.summary}`;
}

// Fill a problems box with problems to fix: each links to its question.
export function renderProblems(region, problems) {
  region.replaceChildren(
    el("div", { class: "checker-problems", role: "alert" },
      el("h2", {}, "There is a problem"),
      el("ul", {}, problems.map(({ message, target }) =>
        el("li", {}, target ? el("a", { href: `#${target}` }, message) : message)))),
  );
  region.dataset.outcome = "error";
}
