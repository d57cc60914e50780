// Minifies a release folder in place, then refreshes the Subresource
// Integrity hashes in index.html so the browser still accepts the files.
// Run by `cargo xtask build` with NODE_PATH at the npm tools it installs and
// binaryen's wasm-opt on PATH:
//
//   node xtask/minify.cjs dist <file>...
//
// - `x_bg.wasm`: the names by which the module and its glue `x.js` link
//   (wasm-bindgen's are up to 190 characters, most with a 16-digit hash that
//   no compressor can shrink, and each is in both files) become one or two
//   letters: binaryen renames them in the module and reports the map, and
//   the glue is rewritten to match before terser sees it. Emscripten does
//   the same for its -Oz builds.
// - `.js`: terser; `.css`: csso.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const crypto = require("node:crypto");
const { execFileSync } = require("node:child_process");
const { minify: minifyJs } = require("terser");
const { minify: minifyCss } = require("csso");

async function main() {
  const [dir, ...files] = process.argv.slice(2);
  const index = path.join(dir, "index.html");
  let html = fs.existsSync(index) ? fs.readFileSync(index, "utf8") : null;
  const renames = new Map();
  // Modules first: their glue is rewritten before it is minified.
  files.sort((a, b) => b.endsWith(".wasm") - a.endsWith(".wasm"));
  for (const file of files) {
    const full = path.join(dir, file);
    let small;
    if (file.endsWith(".wasm")) {
      renames.set(file.replace(/_bg[.]wasm$/, ".js"), shortenLinks(full));
      small = fs.readFileSync(full);
    } else {
      let source = fs.readFileSync(full, "utf8");
      if (renames.has(file)) source = relink(file, source, renames.get(file));
      small = file.endsWith(".css")
        ? minifyCss(source).css
        : (await minifyJs(source, { module: true, compress: true, mangle: true })).code;
      if (!small) throw new Error(`${file}: minifier gave nothing`);
      fs.writeFileSync(full, small);
    }
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

/** Renames the module's imports, exports and import module; returns the map. */
function shortenLinks(wasm) {
  const map = JSON.parse(execFileSync("wasm-opt", [
    wasm, "--detect-features", "--minify-imports-and-exports-and-modules", "-o", wasm,
  ], { encoding: "utf8" }));
  const modules = new Set(WebAssembly.Module.imports(new WebAssembly.Module(fs.readFileSync(wasm)))
    .map((i) => i.module));
  if (modules.size !== 1) throw new Error(`${wasm}: imports from ${modules.size} modules after renaming`);
  map.module = [...modules][0];
  return map;
}

/** The glue, linked to the module by its new names; every old name must be found. */
function relink(file, source, { imports, exports, module: short }) {
  const replaceOnce = (pattern, to, what) => {
    let found = 0;
    source = source.replace(pattern, () => (found++, to));
    if (found !== 1) throw new Error(`${file}: ${what} found ${found} times, not once`);
  };
  const escape = (name) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  for (const [, name, short] of imports) {
    // Each import is one property of the object the glue hands the module.
    replaceOnce(new RegExp(`\\b${escape(name)}(?=: ?function)`, "g"), short, `import ${name}`);
  }
  // All imports now come from one module.
  for (const module of new Set(imports.map(([module]) => module))) {
    replaceOnce(new RegExp(`"${escape(module)}"(?=: ?import)`, "g"), JSON.stringify(short), `module ${module}`);
  }
  for (const [name, short] of exports) {
    // Exports are read off the instance as `wasm.name`; the glue's own
    // JavaScript API keeps its names.
    source = source.replace(new RegExp(`\\bwasm[.]${escape(name)}\\b`, "g"), `wasm.${short}`);
  }
  return source;
}

main().catch((e) => {
  console.error(e.message || e);
  process.exit(1);
});
