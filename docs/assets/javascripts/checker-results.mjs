// Turns a checker's JSON result into the result region's content. Text is always set as text,
// never parsed as HTML. Guidance links ("lawful-bases.md#consent") become links into this site.

export const OUTCOME_LABELS = {
  share: "Share",
  do_not_share: "Do not share",
  seek_advice: "Seek advice before sharing",
  incomplete: "Answer the next question",
  proportionate: "Proportionate",
  review: "Review before sharing",
  not_proportionate: "Not proportionate as planned",
};

const STATUS_LABELS = { met: "Met", not_met: "Not met", check: "Check" };

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
  let page = path.replace(/\.md$/, "/").replace(/(^|\/)index\/$/, "$1");
  const url = new URL(page, siteRoot);
  if (anchor) url.hash = anchor;
  return url.href;
}

function section(title, ...content) {
  return el("section", { class: "checker-result__section" }, el("h3", {}, title), ...content);
}

function list(items, render) {
  return el("ul", {}, items.map((item) => el("li", {}, render(item))));
}

function findingItem(finding, siteRoot) {
  const references = [finding.ref, ...(finding.also || [])].join("; ");
  return [
    el("strong", {}, finding.label),
    ` (${references}). `,
    finding.reason,
    " ",
    el("span", { class: "checker-result__links" },
      el("a", { href: guidanceUrl(finding.guidance, siteRoot) }, `Guidance on ${finding.label.toLowerCase()}`),
      " · ",
      el("a", { href: finding.url }, `Official text: ${finding.ref}`)),
  ];
}

function common(result, siteRoot) {
  const parts = [];
  if (result.actions && result.actions.length) parts.push(section("What to do now", list(result.actions, (a) => a)));
  if (result.warnings && result.warnings.length) {
    parts.push(el("div", { class: "admonition warning" },
      el("p", { class: "admonition-title" }, "Take care"), list(result.warnings, (w) => w)));
  }
  if (result.record && result.record.length) parts.push(section("What to record", list(result.record, (r) => r)));
  if (result.ask && result.ask.length) {
    parts.push(section("Who to ask", list(result.ask, (a) => [el("strong", {}, a.label), `: ${a.why}.`])));
  }
  if (result.references && result.references.length) {
    parts.push(section("The law and guidance this rests on", list(result.references, (r) => [
      el("a", { href: r.url }, r.citation), `: ${r.title}. `,
      el("a", { href: guidanceUrl(r.guidance, siteRoot) }, `Our guidance on ${r.title.toLowerCase()}`),
    ])));
  }
  return parts;
}

function lawfulBasis(result, siteRoot) {
  const parts = [];
  if (result.law_enforcement) {
    const le = result.law_enforcement;
    const sensitive = le.sensitive_processing;
    parts.push(section("Law enforcement processing (DPA 2018 Part 3)",
      el("p", {}, le.reason, " ", el("a", { href: le.url }, `Official text: ${le.ref}`)),
      sensitive ? el("p", {}, el("strong", {}, "Sensitive processing: "), sensitive.reason, " ",
        el("a", { href: sensitive.url }, `Official text: ${sensitive.ref}`)) : null));
  }
  if (result.article6.length) {
    parts.push(section("Lawful basis (UK GDPR Article 6), best first",
      list(result.article6, (f) => findingItem(f, siteRoot))));
  }
  if (result.article9.length) {
    parts.push(section("Special category condition (Article 9)", list(result.article9, (f) => findingItem(f, siteRoot))));
  }
  if (result.article10.length) {
    parts.push(section("Criminal offence information (Article 10)", list(result.article10, (f) => findingItem(f, siteRoot))));
  }
  parts.push(section("Confidentiality", el("p", {}, result.confidentiality.reason)));
  if (result.gateways.length) {
    parts.push(section("Laws that let or require you to share", list(result.gateways, (f) => findingItem(f, siteRoot))));
  }
  return parts;
}

function proportionality(result, siteRoot) {
  const rows = result.principles.map((p) => el("tr", { "data-principle": p.id, "data-status": p.status },
    el("th", { scope: "row" }, el("a", { href: guidanceUrl(p.guidance, siteRoot) }, p.id[0].toUpperCase() + p.id.slice(1))),
    el("td", {}, el("span", { class: `checker-status checker-status--${p.status}` }, STATUS_LABELS[p.status])),
    el("td", {}, p.advice)));
  return [section("The principles", el("table", {},
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Principle"), el("th", { scope: "col" }, "Status"), el("th", { scope: "col" }, "Advice"))),
    el("tbody", {}, rows)))];
}

function keyQuestions(result) {
  const parts = [];
  if (result.path.length) {
    parts.push(section("Your answers", el("ol", {}, result.path.map((step) =>
      el("li", {}, `${step.question} `, el("strong", {}, step.answer_label))))));
  }
  if (result.next_question) {
    parts.push(section("Next question", el("p", {}, result.next_question.label)));
  }
  return parts;
}

const RENDERERS = { "lawful-basis": lawfulBasis, proportionality, "key-questions": keyQuestions };

// Fill the result region for a successful evaluation.
export function renderResult(region, checker, result, siteRoot) {
  const heading = el("h2", { class: "checker-result__outcome" }, `Result: ${OUTCOME_LABELS[result.outcome] || result.outcome}`);
  region.replaceChildren(
    heading,
    el("p", { class: "checker-result__summary" }, result.summary),
    ...RENDERERS[checker](result, siteRoot),
    ...common(result, siteRoot),
    el("p", { class: "checker-result__disclaimer" },
      "This result supports your professional judgement. It is not legal advice."),
  );
  region.dataset.outcome = result.outcome;
}

// Fill the result region with problems to fix: each links to its question.
export function renderProblems(region, problems) {
  region.replaceChildren(
    el("div", { class: "checker-problems", role: "alert" },
      el("h2", {}, "There is a problem"),
      el("ul", {}, problems.map(({ message, target }) =>
        el("li", {}, target ? el("a", { href: `#${target}` }, message) : message)))),
  );
  region.dataset.outcome = "error";
}
