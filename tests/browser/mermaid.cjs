// Renders a Mermaid flowchart with the real Mermaid (the npm package, in
// Chromium through playwright-core) and prints the text of every node
// label, one JSON array, for tests/cli.rs to compare with the claims.
//   node tests/browser/mermaid.cjs GRAPH.mmd MERMAID.min.js
"use strict";
const { chromium } = require("playwright-core");
const fs = require("fs");

(async () => {
  const [file, lib] = process.argv.slice(2);
  const source = fs.readFileSync(file, "utf8");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await page.setContent("<!DOCTYPE html><html><body><div id=out></div></body></html>");
  await page.addScriptTag({ path: lib });
  const labels = await page.evaluate(async (src) => {
    window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict", flowchart: { htmlLabels: true } });
    const { svg } = await window.mermaid.render("g", src);
    const out = document.getElementById("out");
    out.innerHTML = svg;
    // Each node's label, its line breaks read as nothing (the export
    // breaks lines without adding characters).
    return [...out.querySelectorAll("g.node")].map((n) => {
      const label = n.querySelector(".nodeLabel") || n.querySelector("foreignObject") || n;
      const copy = label.cloneNode(true);
      copy.querySelectorAll("br").forEach((b) => b.replaceWith(""));
      return copy.textContent;
    });
  }, source);
  await browser.close();
  if (problems.length) {
    console.error("FAILED: " + problems.join(" | "));
    process.exit(1);
  }
  console.log(JSON.stringify(labels));
})().catch((e) => {
  console.error("FAILED: " + (e && e.stack ? e.stack : e));
  process.exit(1);
});
