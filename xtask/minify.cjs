// Minifies a release folder in place: the wasm-bindgen glue with terser and
// the stylesheet with csso, then refreshes their Subresource Integrity
// hashes in index.html so the browser still accepts them. Run by
// `cargo xtask build` with NODE_PATH at the npm tools it installs:
//
//   node xtask/minify.cjs dist <file>...
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const crypto = require("node:crypto");
const { minify: minifyJs } = require("terser");
const { minify: minifyCss } = require("csso");

async function main() {
  const [dir, ...files] = process.argv.slice(2);
  const index = path.join(dir, "index.html");
  let html = fs.existsSync(index) ? fs.readFileSync(index, "utf8") : null;
  for (const file of files) {
    const full = path.join(dir, file);
    const source = fs.readFileSync(full, "utf8");
    const small = file.endsWith(".css")
      ? minifyCss(source).css
      : (await minifyJs(source, { module: true, compress: true, mangle: true })).code;
    if (!small) throw new Error(`${file}: minifier gave nothing`);
    fs.writeFileSync(full, small);
    if (html !== null) {
      const hash = "sha384-" + crypto.createHash("sha384").update(small).digest("base64");
      // The one tag that names this file, and its integrity attribute.
      const name = file.replace(/[.]/g, "\\.");
      const before = html;
      html = html.replace(new RegExp(`(<[^>]*/${name}"[^>]*integrity=")sha384-[^"]*`), `$1${hash}`);
      if (html === before && new RegExp(`/${name}"[^>]*integrity=`).test(before)) {
        throw new Error(`${file}: its integrity hash in index.html was not updated`);
      }
    }
  }
  if (html !== null) fs.writeFileSync(index, html);
}

main().catch((e) => {
  console.error(e.message || e);
  process.exit(1);
});
