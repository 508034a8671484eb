// Turns a checker's JSON result into the result region's content, for someone short of time and not a
// lawyer. What shows before the reader opens anything fits one phone screen (at most 250 words): the
// outcome, in a banner with its own colour, icon and words; one plain sentence; what to do now (the
// first action with the local contact it names); and who to ask (each adviser, a few words on what to
// ask them, and the edition's contact for them: its name and one way in). Everything else is one click away,
// each in a closed <details> with a plain heading: what to record, why, the judgements to record,
// other points to take care over, and the law it rests on. Each part is marked
// data-result-section="actions", "ask", "why" or "law". Everything is drawn from the result's data,
// never from a list of questions kept here.
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

// Who an action may name first, and the local contact to give beside it (a <template> in the page).
const NAMED_CONTACTS = [["children's social care", FRONT_DOOR]];

// An action or warning is a string, or an object with a stable id and its text.
function textOf(item) {
  return typeof item === "string" ? item : item.text;
}

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

// A closed <details> with a plain heading: what the reader opens when they want more.
function more(name, title, context, ...content) {
  return el("details", { class: `checker-more checker-more--${name}`, "data-result-more": name },
    el("summary", { class: "checker-more__summary", id: context.id(name) }, title), ...content);
}

// The first action names whom to tell: where it names children's social care, the edition's own
// contact for it follows.
function firstStep(step, text, context) {
  const named = NAMED_CONTACTS.filter(([phrase]) => text.toLowerCase().includes(phrase))
    .map(([, key]) => contact(context, key)).filter(Boolean);
  return named.length ? [step, el("span", { class: "checker-contact", "data-first-contact": "" }, " In your area: ", named)] : step;
}

function actions(result, context) {
  const parts = [];
  const texts = (result.actions || []).map(textOf);
  const steps = texts.map((text, index) => (index === 0 ? firstStep(linked(text, context), text, context) : linked(text, context)));
  if (result.next_question) steps.unshift(nextQuestion(result, context));
  if (steps.length) parts.push(list("ol", steps, (step) => step, "checker-result__steps"));
  if (result.record && result.record.length) {
    const record = context.root.querySelector("[data-checker-record] h2");
    parts.push(more("what-to-record", "What to record", context,
      list("ul", result.record, (item) => item),
      record ? el("p", {}, el("a", { href: `#${record.id}` }, "Make your record below")) : null));
  }
  return parts.length ? section("actions", "What to do now", context, ...parts) : null;
}

function contact(context, key) {
  const template = context.root.querySelector(`template[data-contact="${CSS.escape(key)}"]`);
  return template ? template.content.cloneNode(true) : null;
}

// Who to ask, with the edition's contacts; then, as a safety net, 999 and the children's social care
// front door, each unless the actions already give it (the first action's contact, a call to 999).
function ask(result, context) {
  const items = (result.ask || []).map((adviser) => {
    const local = contact(context, adviser.who);
    return [el("strong", {}, capitalise(adviser.label)), `: ${sentence(adviser.why)}`,
      local ? el("span", { class: "checker-contact" }, " Locally: ", local) : null];
  });
  if (result.outcome !== "incomplete") {
    const texts = (result.actions || []).map(textOf);
    const frontDoorGiven = texts.length > 0 && texts[0].toLowerCase().includes("children's social care")
      && Boolean(contact(context, FRONT_DOOR));
    const danger = texts.some((text) => /\b999\b/.test(text)) ? null
      : [el("strong", {}, "If a child is in immediate danger"), ": call 999. "];
    const frontDoor = frontDoorGiven ? null : contact(context, FRONT_DOOR);
    const risk = frontDoorGiven ? null : ["If a child may be at risk of harm, contact ", frontDoor || "children's social care",
      /[.?!]\s*$/.test(frontDoor ? frontDoor.textContent : "") ? null : "."];
    if (danger || risk) items.push([...(danger || []), ...(risk || [])]);
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

const WHY_TITLES = {
  "lawful-basis": "Why: the lawful basis",
  proportionality: "Why: each principle",
  "key-questions": "Why: your answers",
};

// Why, the judgements to record, and the other points to take care over: each closed until opened.
function why(result, context) {
  const reasons = (WHY[context.checker] || (() => []))(result, context);
  const parts = [];
  if (reasons.length) parts.push(more("why", WHY_TITLES[context.checker] || "Why", context, ...reasons));
  if (result.judgements && result.judgements.length) {
    parts.push(more("judgements", "Judgements to make and record", context,
      list("ul", result.judgements, (judgement) => linked(textOf(judgement), context), "checker-result__judgements")));
  }
  if (result.warnings && result.warnings.length) {
    parts.push(more("take-care", "Other points to take care over", context,
      el("div", { class: "checker-result__caution" }, list("ul", result.warnings, (w) => linked(textOf(w), context)))));
  }
  return parts.length ? el("section", { class: "checker-result__section checker-result__section--why", "data-result-section": "why" }, ...parts) : null;
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
    el("details", { class: "checker-law checker-more", "data-result-more": "law" },
      el("summary", { class: "checker-law__summary checker-more__summary" }, "The law this rests on"),
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
    el("p", { class: "checker-result__disclaimer" }, "This supports your professional judgement. It is not legal advice."),
  );
  region.dataset.outcome = result.outcome;
  if (!region.dataset.opensDetails) {
    // A link to a part of the result that is folded ("see what to record") opens it.
    region.dataset.opensDetails = "";
    region.addEventListener("click", (event) => {
      const link = event.target.closest('a[href^="#"]');
      const target = link && region.querySelector(`#${CSS.escape(link.getAttribute("href").slice(1))}`);
      const folded = target && target.closest("details");
      if (folded) folded.open = true;
    });
  }
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
