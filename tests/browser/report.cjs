// Drives the HTML report in a real Chromium (playwright-core) and checks it
// against the graph argraph exported as JSON. Called by tests/cli.rs:
//   node tests/browser/report.cjs REPORT.html GRAPH.json [--hostile] [--screenshot PNG]
// Prints one line per check; exits non-zero on the first failure.
"use strict";
const { chromium } = require("playwright-core");
const fs = require("fs");
const path = require("path");

const args = process.argv.slice(2);
const file = path.resolve(args[0]);
const graph = JSON.parse(fs.readFileSync(args[1], "utf8"));
const hostile = args.includes("--hostile");
const shot = args.includes("--screenshot") ? args[args.indexOf("--screenshot") + 1] : null;
const url = "file://" + file;

// Hash navigation settles a task later than the click that starts it.
async function shows(page, selector) {
  try {
    await page.locator(selector).first().waitFor({ state: "visible", timeout: 3000 });
    return true;
  } catch (_) {
    return false;
  }
}

function check(ok, what) {
  if (!ok) {
    console.error("FAILED: " + what);
    process.exit(1);
  }
  console.log("ok: " + what);
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"],
  });
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(m.type() + ": " + m.text()); });
  page.on("pageerror", (e) => problems.push("pageerror: " + e.message));
  page.on("dialog", async (d) => { problems.push("dialog: " + d.message()); await d.dismiss(); });
  page.on("request", (r) => { if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) problems.push("network: " + r.url()); });

  await page.goto(url);
  const claimsByEssay = new Map();
  for (const c of graph.claims) {
    if (!claimsByEssay.has(c.essay)) claimsByEssay.set(c.essay, []);
    claimsByEssay.get(c.essay).push(c);
  }
  for (const list of claimsByEssay.values()) list.sort((a, b) => a.span.start - b.span.start);
  const several = graph.essays.length > 1;

  const spans = await page.locator(".essay-text .claim").count();
  check(spans === graph.claims.length, `highlighted spans (${spans}) = claims (${graph.claims.length})`);
  const nodes = await page.locator("svg.map g.node").count();
  check(nodes === graph.claims.length, `map nodes (${nodes}) = claims`);
  if (several) {
    check(await shows(page, "#index"), "several essays open on the index");
    const rows = await page.locator("#index tbody tr").count();
    check(rows === graph.essays.length, `index lists every essay (${rows})`);
  }

  // Walk a few essays: open from the index, click a claim in the text.
  const essays = graph.essays.slice(0, 3);
  for (const essay of essays) {
    const claims = claimsByEssay.get(essay.id) || [];
    if (!claims.length) continue;
    if (several) {
      await page.locator(`#index a[href="#essay-${essay.id}"]`).click();
      check(await shows(page, `#essay-${essay.id}`), `index link opens essay ${essay.id.slice(0, 12)}`);
    }
    const visible = await page.locator(`#essay-${essay.id} .essay-text .claim`).count();
    check(visible === claims.length, `essay ${essay.id.slice(0, 12)}: ${visible} highlights = its claims`);
    // The claim with the most relations is the one to click.
    const degree = (id) => graph.edges.filter((e) => e.from === id || e.to === id).length;
    const target = claims.slice().sort((a, b) => degree(b.id) - degree(a.id))[0];
    await page.locator(`#claim-${target.id}`).click();
    check(await page.locator(`g.node.selected[data-claim="${target.id}"]`).count() === 1, "a click in the text selects the map node");
    check(await page.locator(`#claim-${target.id}.selected`).count() === 1, "and the text span");
    const expected = new Set(graph.edges.filter((e) => e.to === target.id).map((e) => e.from)
      .concat(graph.edges.filter((e) => e.from === target.id).map((e) => e.to)));
    const listed = new Set(await page.locator(`#essay-${essay.id} .claim-panel ul.neighbours a[data-claim]`).evaluateAll((as) => as.map((a) => a.dataset.claim)));
    check(expected.size === listed.size && [...expected].every((x) => listed.has(x)),
      `the panel lists the claim's ${expected.size} real neighbours (listed ${listed.size})`);
    const panelText = await page.locator(`#essay-${essay.id} .claim-panel .claim-full`).textContent();
    check(panelText === target.text, "the panel shows the claim's exact text");
    check(page.url().endsWith("#claim-" + target.id), "the URL points at the selected claim");
    // A click on a neighbour in the panel follows it.
    if (listed.size) {
      const next = [...listed][0];
      await page.locator(`#essay-${essay.id} .claim-panel ul.neighbours a[data-claim="${next}"]`).first().click();
      check(await page.locator(`#claim-${next}.selected`).count() === 1, "a neighbour in the panel is clickable");
    }
    // A click on a map node selects the text.
    const other = claims[claims.length - 1];
    await page.locator(`#essay-${essay.id} button[data-zoom="fit"]`).click();
    await page.locator(`#essay-${essay.id} g.node[data-claim="${other.id}"]`).click();
    check(await page.locator(`#claim-${other.id}.selected`).count() === 1, "a click in the map selects the text span");
    // j and k walk the claims in essay order; Esc clears.
    await page.locator(`#claim-${claims[0].id}`).click();
    await page.keyboard.press("j");
    const second = claims[Math.min(1, claims.length - 1)].id;
    check(await page.locator(`#claim-${second}.selected`).count() === 1, "j selects the next claim");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("k");
    check(await page.locator(`#claim-${second}.selected`).count() === 1, "ArrowDown then k comes back");
    await page.keyboard.press("Escape");
    check(await page.locator(".selected").count() === 0, "Esc clears the selection");
    if (several) {
      await page.locator(`#essay-${essay.id} a.back`).click();
      check(await shows(page, "#index"), "the back link returns to the index");
    }
  }

  // A link to a claim selects it, by full id or by the short id the CLI prints.
  const last = graph.claims[graph.claims.length - 1];
  for (const id of [last.id, last.id.slice(0, 12)]) {
    await page.goto("about:blank");
    await page.goto(url + "#claim-" + id);
    check(await page.locator(`#claim-${last.id}.selected`).count() === 1, `${url.split("/").pop()}#claim-${id} selects that claim`);
    check(await page.locator(`g.node.selected[data-claim="${last.id}"]`).isVisible(), "and shows it in the map");
  }

  // Audit findings link to their claims.
  const flag = page.locator(".finding a[data-claim]").first();
  if (await page.locator(".finding a[data-claim]").count()) {
    await page.goto(url + "#essay-" + graph.essays[0].id);
    const f = page.locator(`#essay-${graph.essays[0].id} .finding a[data-claim]`).first();
    if (await f.count()) {
      const id = await f.getAttribute("data-claim");
      await f.click();
      check(await page.locator(`#claim-${id}.selected`).count() === 1, "an audit finding selects its claim");
    }
    // Only the severity badge is coloured, not the finding's whole card
    // (its list item carries the severity's class too).
    const painted = await page.evaluate(() =>
      [...document.querySelectorAll(".finding:not(.current)")].filter((li) => {
        const badge = li.querySelector(".sev");
        return badge && getComputedStyle(li).backgroundColor === getComputedStyle(badge).backgroundColor;
      }).length);
    check(painted === 0, `no finding's card is painted as its severity badge (${painted} are)`);
  } else {
    void flag;
  }

  if (hostile) {
    check(await page.evaluate(() => window.pwned === undefined), "no script from the essay ran");
    for (const c of graph.claims) {
      const shown = await page.locator(`#claim-${c.id}`).textContent();
      check(shown === c.text, `hostile text shows as text: ${JSON.stringify(c.text).slice(0, 40)}`);
    }
  }
  if (shot) {
    await page.goto("about:blank");
    await page.goto(url + "#claim-" + (graph.claims.find((c) => c.kind === "major_claim") || graph.claims[0]).id);
    await page.screenshot({ path: shot });
    console.log("screenshot: " + shot);
  }
  check(problems.length === 0, "no console errors, dialogs or network requests" + (problems.length ? ": " + problems.join(" | ") : ""));
  await browser.close();
})().catch((e) => {
  console.error("FAILED: " + (e && e.stack ? e.stack : e));
  process.exit(1);
});
