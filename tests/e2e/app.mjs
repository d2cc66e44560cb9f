// The app under test for one test file: the release build (dist/, or DIST_DIR) served the way a
// host serves it, and headless Chromium, both started before the file's first test and closed
// after its last. Screenshots go to `artifacts`.

import { after, before } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "./browser.mjs";
import { startServer } from "./serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const dist = process.env.DIST_DIR ?? join(here, "..", "..", "dist");

/** Where the tests save screenshots (not committed). */
export const artifacts = join(here, "artifacts");

/** Registers the set-up and tear-down; the returned object holds `server` and `browser` once
 * the first test runs. */
export function appUnderTest() {
  const app = {};
  before(async () => {
    assert.ok(existsSync(join(dist, "index.html")), `no release build in ${dist}`);
    mkdirSync(artifacts, { recursive: true });
    app.server = await startServer({ root: dist });
    app.browser = await launchChromium();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}

/** A new 1280x800 (or `viewport`) page on `path` of the app under test, collecting page errors
 * and console errors; resolves once the canvas is drawn. */
export async function openPage(app, path = "/", { viewport = { width: 1280, height: 800 }, locale } = {}) {
  const context = await app.browser.newContext({ viewport, ...(locale ? { locale } : {}) });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (err) => errors.push(String(err)));
  page.on("console", (msg) => msg.type() === "error" && errors.push(msg.text()));
  await page.goto(new URL(path, app.server.url).href);
  await page.getByRole("application", { name: "Canvas" }).waitFor();
  return { page, context, errors };
}

/** Sends a TCP flow from the traffic panel `traffic` (over IPv6 with `{ ipv6: true }`) and returns
 * the verdict line once it has changed to one matching `verdict`. */
export async function sendTcp(traffic, from, to, port, verdict = /^(Established|Dropped|Refused)/, { ipv6 = false } = {}) {
  const status = traffic.getByRole("status");
  const before = await status.innerText();
  await traffic.getByLabel("From", { exact: true }).selectOption(from);
  await traffic.getByLabel("To", { exact: true }).selectOption(to);
  await traffic.getByLabel("Protocol").selectOption("tcp");
  await traffic.getByLabel("Port", { exact: true }).fill(String(port));
  if (ipv6) await traffic.getByLabel("IPv6", { exact: true }).check();
  await traffic.getByRole("button", { name: "Send" }).click();
  await status.filter({ hasNotText: before }).filter({ hasText: verdict }).waitFor();
  return status.innerText();
}

/** Drags palette button `button` (a locator) to (`x`, `y`) on the page, the way a mouse does. */
export async function dragFromPalette(page, button, x, y) {
  const b = await button.boundingBox();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2 + 30, b.y + b.height / 2 + 10, { steps: 3 });
  await page.mouse.move(x, y, { steps: 8 });
  await page.mouse.up();
}
