// What every end-to-end test file shares: headless Chromium started the same way, and the
// share-link fragment of a scenario.

import { deflateRawSync } from "node:zlib";
import { chromium } from "playwright-core";

/** Starts headless Chromium (the system one, `CHROMIUM` to override), never reaching out. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** The share-link fragment of a scenario: raw DEFLATE, base64url without padding, `s=1.` */
export function link(scenario) {
  const payload = deflateRawSync(Buffer.from(JSON.stringify(scenario))).toString("base64url");
  return `s=1.${payload}`;
}
