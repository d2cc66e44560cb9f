// Trunk post-build hook: minifies the page's wasm-bindgen glue (Trunk 0.21's own minifier
// cannot parse an ES module and leaves it as is) with terser, and writes the new file's
// Subresource Integrity hash into index.html, so the page still checks what it loads.
// Release builds only; debug builds keep the readable glue.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";

const staging = process.env.TRUNK_STAGING_DIR;
if (process.env.TRUNK_PROFILE !== "release" || !staging) process.exit(0);

const sri = (bytes) => "sha384-" + createHash("sha384").update(bytes).digest("base64");
const htmlPath = join(staging, "index.html");
let html = readFileSync(htmlPath, "utf8");
// The page's glue is the ES module index.html imports; the worker's is minified by Trunk.
const glue = readdirSync(staging).filter(
  (f) => f.endsWith(".js") && html.includes(`from './${f}'`),
);
if (glue.length !== 1) {
  console.error(`minify-glue: expected one ES module imported by index.html, found ${glue.length}`);
  process.exit(1);
}
const path = join(staging, glue[0]);
const before = readFileSync(path);
const out = await minify(before.toString("utf8"), {
  module: true,
  ecma: 2020,
  compress: { passes: 2 },
  mangle: true,
});
if (!out.code) {
  console.error("minify-glue: terser returned nothing");
  process.exit(1);
}
const [oldHash, newHash] = [sri(before), sri(out.code)];
const count = html.split(oldHash).length - 1;
if (count === 0) {
  console.error(`minify-glue: index.html has no integrity hash for ${glue[0]}`);
  process.exit(1);
}
writeFileSync(path, out.code);
html = html.split(oldHash).join(newHash);
writeFileSync(htmlPath, html);
console.log(`minify-glue: ${glue[0]} ${before.length} -> ${out.code.length} bytes`);
