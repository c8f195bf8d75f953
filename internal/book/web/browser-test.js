// browser-test.js opens every page of a built HTML book in headless
// Chromium and fails on what a reader would meet as a fault: a link to a
// page or fragment that does not exist, a picture that does not load, a
// formula left as TeX (a $, \( or \command in the text outside code, or a
// KaTeX error), a request that fails, or an error in the console.
//
//   node browser-test.js SITE_DIR [--screenshots DIR]
//
// It serves SITE_DIR from a local server, drives the Chromium at
// $CHROMIUM (default /usr/bin/chromium) through playwright-core, and exits
// 1 with every fault listed, or 0 with what it checked.
"use strict";
const fs = require("fs");
const http = require("http");
const os = require("os");
const path = require("path");
const { chromium } = require("playwright-core");

const types = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".png": "image/png", ".svg": "image/svg+xml",
  ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".eot": "application/vnd.ms-fontobject",
  ".otf": "font/otf", ".jpg": "image/jpeg", ".gif": "image/gif", ".ico": "image/x-icon",
};

function serve(root) {
  const server = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (p.endsWith("/")) p += "index.html";
    const file = path.join(root, path.normalize(p));
    if (p === "/favicon.ico" && !fs.existsSync(file)) {
      res.writeHead(204); // asked by the browser itself, not by a page
      res.end();
      return;
    }
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": types[path.extname(file)] || "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function htmlPages(root) {
  const out = [];
  (function walk(dir) {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".html") && e.name !== "404.html") out.push(path.relative(root, p).split(path.sep).join("/"));
    }
  })(root);
  return out.sort();
}

// inspect runs in the page: what it links to, shows, names and leaves as TeX.
function inspect() {
  const links = [...document.querySelectorAll("a[href]")].map((a) => a.href);
  const ids = [...document.querySelectorAll("[id]")].map((e) => e.id)
    .concat([...document.querySelectorAll("a[name]")].map((e) => e.name));
  const images = [...document.images].map((img) => ({ src: img.currentSrc || img.src, ok: img.complete && img.naturalWidth > 0 }));
  const tex = [];
  const skip = "pre, code, script, style, textarea, .katex, #searchbar, #searchresults";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const leftover = /\$|\\\(|\\\)|\\\[|\\\]|\\[A-Za-z]{2,}|\^\{|_\{/;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.parentElement || n.parentElement.closest(skip)) continue;
    const m = n.textContent.match(leftover);
    if (m) {
      const i = Math.max(0, m.index - 30);
      tex.push(n.textContent.slice(i, m.index + 40).replace(/\s+/g, " ").trim());
    }
  }
  const errors = [...document.querySelectorAll(".katex-error")].map((e) => e.getAttribute("title") || e.textContent);
  return { links, ids, images, tex, errors, formulas: document.querySelectorAll(".katex").length };
}

async function main() {
  const args = process.argv.slice(2);
  const shots = args.indexOf("--screenshots") >= 0 ? args[args.indexOf("--screenshots") + 1] : "";
  const root = path.resolve(args.filter((a, i) => !a.startsWith("--") && args[i - 1] !== "--screenshots")[0] || "");
  if (!fs.existsSync(path.join(root, "index.html"))) {
    console.error(`browser-test: ${root} holds no index.html: build the book first (aigc book build)`);
    process.exit(2);
  }
  if (shots) fs.mkdirSync(shots, { recursive: true });
  const server = await serve(root);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "luoxia-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const faults = [];
  const seen = new Map(); // page -> ids
  const linked = []; // {from, url}
  let nLinks = 0, nImages = 0, nFormulas = 0, nExternal = 0;
  try {
    const page = await context.newPage();
    let current = "";
    page.on("console", (m) => { if (m.type() === "error") faults.push(`${current}: console error: ${m.text()}`); });
    page.on("pageerror", (e) => faults.push(`${current}: script error: ${e.message}`));
    // A request the browser itself cancels (net::ERR_ABORTED: the favicon
    // still loading when the test moves to the next page) is not a fault of
    // the book; a missing file answers 404 instead, which the response
    // handler reports, and a missing picture fails the pictures' check.
    page.on("requestfailed", (r) => {
      const why = r.failure() && r.failure().errorText;
      if (why !== "net::ERR_ABORTED") faults.push(`${current}: request failed: ${r.url()} (${why})`);
    });
    page.on("response", (r) => { if (r.status() >= 400) faults.push(`${current}: ${r.status()} for ${r.url()}`); });
    for (const rel of htmlPages(root)) {
      current = rel;
      // A page that only redirects is checked for its target, not opened.
      const refresh = fs.readFileSync(path.join(root, rel), "utf8").match(/http-equiv="refresh" content="\d+;\s*url=([^"]+)"/);
      if (refresh) {
        seen.set(rel, new Set());
        linked.push({ from: rel, url: new URL(refresh[1], base + rel).href });
        nLinks++;
        continue;
      }
      await page.goto(base + rel, { waitUntil: "networkidle" });
      await page.evaluate(() => document.fonts.ready);
      const got = await page.evaluate(inspect);
      seen.set(rel, new Set(got.ids));
      for (const img of got.images) {
        nImages++;
        if (!img.ok) faults.push(`${rel}: picture does not load: ${img.src}`);
      }
      for (const t of got.tex) faults.push(`${rel}: math left as TeX: "${t}"`);
      for (const e of got.errors) faults.push(`${rel}: KaTeX error: ${e}`);
      nFormulas += got.formulas;
      for (const url of got.links) {
        if (url.startsWith(base)) { nLinks++; linked.push({ from: rel, url }); }
        else if (/^https?:/.test(url)) nExternal++;
      }
      if (shots) await page.screenshot({ path: path.join(shots, rel.replace(/\//g, "_").replace(/\.html$/, ".png")) });
    }
  } finally {
    await context.close();
    server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  for (const { from, url } of linked) {
    const u = new URL(url);
    let target = decodeURIComponent(u.pathname.slice(1));
    if (target === "" || target.endsWith("/")) target += "index.html";
    const file = path.join(root, target);
    if (!fs.existsSync(file)) { faults.push(`${from}: broken link to ${target}`); continue; }
    if (u.hash.length > 1 && target.endsWith(".html")) {
      const ids = seen.get(target);
      const id = decodeURIComponent(u.hash.slice(1));
      if (ids && !ids.has(id)) faults.push(`${from}: link to ${target}${u.hash}: no element with id "${id}" there`);
    }
  }
  if (faults.length > 0) {
    console.error(`browser-test: ${faults.length} fault(s) in ${root}:\n  ` + [...new Set(faults)].join("\n  "));
    process.exit(1);
  }
  console.log(`browser-test: ${seen.size} pages, ${nLinks} links within the book (${nExternal} external, not followed), ${nImages} pictures and ${nFormulas} formulas: all in order`);
}

main().catch((e) => { console.error(`browser-test: ${e.stack || e}`); process.exit(2); });
