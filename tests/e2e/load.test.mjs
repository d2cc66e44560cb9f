// How long the release build takes to start on a throttled connection: the figure behind the
// bundle's size budget (see .ci/test). The server sends gzip, as web hosts do.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "./browser.mjs";
import { startServer } from "./serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const dist = process.env.DIST_DIR ?? join(here, "..", "..", "dist");
let server;
let browser;

before(async () => {
  assert.ok(existsSync(join(dist, "index.html")), `no release build in ${dist}`);
  server = await startServer({ root: dist });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Milliseconds from navigation to a usable canvas, at `mbps` megabits per second and `rtt` ms. */
async function startTime(mbps, rtt) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: rtt,
    downloadThroughput: (mbps * 1e6) / 8,
    uploadThroughput: (mbps * 1e6) / 8,
  });
  let bytes = 0;
  cdp.on("Network.loadingFinished", (e) => (bytes += e.encodedDataLength));
  const start = Date.now();
  await page.goto(server.url);
  await page.getByRole("application", { name: "Canvas" }).waitFor({ timeout: 30000 });
  const ms = Date.now() - start;
  await context.close();
  return { ms, bytes };
}

test("the app starts within 2 s on a 10 Mbit/s link", async () => {
  const fast = await startTime(10, 40);
  const slow = await startTime(2, 150);
  console.log(`start-up: ${fast.ms} ms at 10 Mbit/s and 40 ms RTT, ${slow.ms} ms at 2 Mbit/s and 150 ms RTT; ${(fast.bytes / 1024).toFixed(0)} KB transferred`);
  assert.ok(fast.ms < 2000, `start-up took ${fast.ms} ms at 10 Mbit/s`);
});
