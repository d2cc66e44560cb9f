// A tiny static file server for the release build (dist/), with no dependencies.
//
// It serves the same files at three places:
//   /            the app at the site root
//   /playground/ the app under a sub-path, to prove the build uses relative URLs
//   /broken/     the app with every .wasm answering 404, to test the error banner
// and one page of its own:
//   /blog/post.html?embed=SNIPPET  a plain blog post with SNIPPET (the iframe code of the Embed
//                  dialog, URL-encoded) pasted into its article, to test the embedded view
//
// Use from tests: `const server = await startServer({ root: "dist" }); ... server.close()`.
// Or by hand: `node tests/e2e/serve.mjs [DIR] [PORT]` (defaults: dist, 8081).

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

const MOUNTS = ["/playground/", "/broken/", "/"];

/** Kinds of file sent gzip-compressed when the browser accepts it. */
const COMPRESSED = new Set([".html", ".js", ".mjs", ".wasm", ".css", ".svg", ".json"]);

/** Maps a URL path to { mount, file } or null when it is outside every mount. */
function route(pathname) {
  for (const mount of MOUNTS) {
    if (pathname.startsWith(mount)) return { mount, rest: pathname.slice(mount.length) };
  }
  return null;
}

/**
 * Starts serving `root` on 127.0.0.1. Resolves to { url, port, close() } once listening;
 * `url` ends with a slash, e.g. http://127.0.0.1:41234/.
 */
export function startServer({ root = "dist", port = 0, host = "127.0.0.1" } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const { pathname } = new URL(req.url, "http://localhost");
      // Sub-paths without their trailing slash would break relative URLs: redirect.
      if (pathname === "/playground" || pathname === "/broken") {
        res.writeHead(301, { Location: pathname + "/" });
        return res.end();
      }
      if (pathname === "/blog/post.html") return blogPost(res, new URL(req.url, "http://localhost"));
      const hit = route(decodeURIComponent(pathname));
      if (!hit) return notFound(res);
      const rel = hit.rest === "" || hit.rest.endsWith("/") ? hit.rest + "index.html" : hit.rest;
      if (hit.mount === "/broken/" && rel.endsWith(".wasm")) return notFound(res);
      const file = normalize(join(base, rel));
      if (file !== base && !file.startsWith(base + sep)) return notFound(res);
      const info = await stat(file).catch(() => null);
      if (!info || !info.isFile()) return notFound(res);
      let body = await readFile(file);
      // Compressed as any web host would serve it, so load times are realistic.
      const gzip = /\bgzip\b/.test(req.headers["accept-encoding"] ?? "") && COMPRESSED.has(extname(file));
      if (gzip) body = gzipSync(body, { level: 9 });
      res.writeHead(200, {
        "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
        "Content-Length": body.length,
        "Cache-Control": "no-store",
        ...(gzip ? { "Content-Encoding": "gzip" } : {}),
      });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch (err) {
      res.writeHead(500, { "Content-Type": "text/plain" });
      res.end(String(err));
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const actual = server.address().port;
      resolvePromise({
        port: actual,
        url: `http://${host}:${actual}/`,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

/** A plain blog post that embeds the snippet given in `?embed=` (as a blog author would paste it). */
function blogPost(res, url) {
  const snippet = url.searchParams.get("embed") ?? "";
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>How a NAT gateway works</title>
<style>
  body { margin: 0; font: 16px/1.6 Georgia, serif; color: #222; background: #fff; }
  article { max-width: 760px; margin: 0 auto; padding: 24px 20px; }
  h1 { font-size: 28px; line-height: 1.2; }
  figure { margin: 24px 0; }
  figcaption { font-size: 13px; color: #666; }
</style></head>
<body><article>
<h1>How a NAT gateway works</h1>
<p>Instances in a private subnet reach the internet through a NAT gateway in a public subnet.
Try it below: pick a source and a destination and press Send.</p>
<figure>${snippet}<figcaption>The scenario of this post, live.</figcaption></figure>
<p>The reply comes back through the same gateway, which rewrites the addresses again.</p>
</article></body></html>`;
  res.writeHead(200, { "Content-Type": TYPES[".html"], "Cache-Control": "no-store" });
  res.end(body);
}

function notFound(res) {
  res.writeHead(404, { "Content-Type": "text/plain" });
  res.end("not found");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [root = "dist", port = "8081"] = process.argv.slice(2);
  const server = await startServer({ root, port: Number(port) });
  console.log(`serving ${root} at ${server.url} (also ${server.url}playground/)`);
}
