// A tiny static file server for the release build (dist/), with no dependencies.
//
// It serves the same files at three places:
//   /            the app at the site root
//   /playground/ the app under a sub-path, to prove the build uses relative URLs
//   /broken/     the app with every .wasm answering 404, to test the error banner
//
// Use from tests: `const server = await startServer({ root: "dist" }); ... server.close()`.
// Or by hand: `node tests/e2e/serve.mjs [DIR] [PORT]` (defaults: dist, 8081).

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

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
      const hit = route(decodeURIComponent(pathname));
      if (!hit) return notFound(res);
      const rel = hit.rest === "" || hit.rest.endsWith("/") ? hit.rest + "index.html" : hit.rest;
      if (hit.mount === "/broken/" && rel.endsWith(".wasm")) return notFound(res);
      const file = normalize(join(base, rel));
      if (file !== base && !file.startsWith(base + sep)) return notFound(res);
      const info = await stat(file).catch(() => null);
      if (!info || !info.isFile()) return notFound(res);
      const body = await readFile(file);
      res.writeHead(200, {
        "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
        "Content-Length": body.length,
        "Cache-Control": "no-store",
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

function notFound(res) {
  res.writeHead(404, { "Content-Type": "text/plain" });
  res.end("not found");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [root = "dist", port = "8081"] = process.argv.slice(2);
  const server = await startServer({ root, port: Number(port) });
  console.log(`serving ${root} at ${server.url} (also ${server.url}playground/)`);
}
