// katex-render.js renders TeX to HTML with KaTeX, for `aigc book build`.
// It reads a JSON array of {"tex": "...", "display": true|false} on
// standard input and writes a JSON array of the same length, each entry
// {"html": "..."} or {"error": "KaTeX's message"}, on standard output.
"use strict";
const katex = require("katex");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const formulas = JSON.parse(input);
  const out = formulas.map((f) => {
    try {
      return {
        html: katex.renderToString(f.tex, {
          displayMode: f.display,
          output: "html",
          throwOnError: true,
          strict: "ignore",
        }),
      };
    } catch (e) {
      return { error: String(e.message || e) };
    }
  });
  process.stdout.write(JSON.stringify(out));
});
