// Where the site's own search puts the page each practitioner's search is meant to find, without a
// browser: Material's search worker, as the built site ships it, run in Node over the built site's
// search/search_index.json, with each query of tests/search_queries.json.
//
//   node scripts/search_ranks.mjs [--site site] [--queries tests/search_queries.json] [--all]
//
// Prints, for each query, the rank of the page meant (1 = first) and the first section the results show
// for it; --all prints every query, not only those whose page is not first or whose section differs.
// Exits 1 if any query misses, so an editor changing a description or a heading can check the searches
// in seconds; tests/test_search_and_print.py checks the same queries typed into the search box in Chromium.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const site = path.resolve(option("--site", path.join(root, "site")));
const queriesFile = path.resolve(option("--queries", path.join(root, "tests", "search_queries.json")));
const showAll = args.includes("--all");

const workers = path.join(site, "assets", "javascripts", "workers");
const worker = fs.existsSync(workers) && fs.readdirSync(workers).find(name => /^search\..*\.js$/.test(name));
if (!worker) {
  console.error(`${site} holds no built site with Material's search worker: run \`make site\` first`);
  process.exit(2);
}
const index = JSON.parse(fs.readFileSync(path.join(site, "search", "search_index.json"), "utf8"));
const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8"));

// The worker listens for messages and answers with postMessage: give it both, as a browser would.
let handler;
const answers = [];
const context = { console, addEventListener: (type, listener) => { handler = listener; }, postMessage: message => answers.push(message) };
context.self = context;
vm.createContext(context);
vm.runInContext(fs.readFileSync(path.join(workers, worker), "utf8"), context);
const SETUP = 0, QUERY = 2;  // Material's SearchMessageType
await handler({ data: { type: SETUP, data: { config: index.config, docs: index.docs, options: { suggest: false } } } });

const plain = html => html.replace(/<[^>]+>/g, "");
let misses = 0;
for (const { query, page, section, who } of queries) {
  answers.length = 0;
  await handler({ data: { type: QUERY, data: query } });
  const groups = answers[0].data.items;  // one group per page, best first; a page's own entry has no "#"
  const pages = groups.map(group => group[0].location.split("#")[0]);
  const rank = pages.indexOf(page) + 1;
  const sections = rank ? groups[rank - 1].filter(entry => entry.location.includes("#")) : [];
  const shown = sections.length ? plain(sections[0].title) : "";
  const wanted = section === undefined ? [] : [].concat(section);
  const hit = rank === 1 && (!wanted.length || wanted.some(heading => shown.startsWith(heading)));
  if (!hit) misses += 1;
  if (!hit || showAll) {
    const first = pages.slice(0, 3).map(url => url || "(home page)").join(", ");
    console.log(`${hit ? "first " : "MISSED"} ${JSON.stringify(query)} (${who}): ${page} is ${rank ? `number ${rank}` : "not found"}` +
                `${wanted.length ? `, first section "${shown}"` : ""}${hit ? "" : `; first: ${first}`}`);
  }
}
const shownSite = path.relative(root, site).startsWith("..") ? site : path.relative(root, site);
console.log(`${queries.length - misses} of ${queries.length} searches put the page meant first (${path.relative(root, queriesFile)}, ${shownSite})`);
process.exit(misses ? 1 : 0);
