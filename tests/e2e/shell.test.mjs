// End-to-end tests of the release build (dist/) in headless Chromium, using node:test and
// playwright-core with the system's Chromium (no browser download).
//
// Run: node --test tests/e2e/   (after `trunk build --release --offline`)

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "./browser.mjs";
import { startServer } from "./serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..");
const dist = process.env.DIST_DIR ?? join(repo, "dist");
const artifacts = join(here, "artifacts");

const PARTS = [
  "VPC",
  "Subnet",
  "EC2 instance",
  "Bastion host",
  "Internet gateway",
  "NAT gateway",
  "NAT instance",
  "Transit gateway",
  "Application load balancer",
  "Network load balancer",
  "RDS database",
  "ElastiCache",
  "Internet",
  "My laptop",
];

let server;
let browser;

before(async () => {
  assert.ok(existsSync(join(dist, "index.html")), `no release build in ${dist}`);
  mkdirSync(artifacts, { recursive: true });
  server = await startServer({ root: dist });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens `path` of the test server in a fresh 1280x800 page, recording console errors. */
async function open(path, { colorScheme = "light" } = {}) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme });
  const errors = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(String(err)));
  await page.goto(new URL(path, server.url).href);
  return { page, errors };
}

/** Asserts that the shell's regions and controls are there, found by role and name. */
async function expectShell(page) {
  await page.getByRole("heading", { name: "VPC Playground", level: 1 }).waitFor();
  const palette = page.getByRole("region", { name: "Palette", exact: true });
  await palette.waitFor();
  for (const name of PARTS) {
    const button = palette.getByRole("button", { name, exact: true });
    assert.equal(await button.count(), 1, `palette button "${name}"`);
    assert.ok(await button.isVisible(), `palette button "${name}" is visible`);
  }
  const canvas = page.getByRole("application", { name: "Canvas" });
  assert.ok(await canvas.isVisible(), "canvas is visible");
  const box = await canvas.boundingBox();
  assert.ok(box.width > 600 && box.height > 400, `canvas is roomy: ${JSON.stringify(box)}`);

  const inspector = page.getByRole("region", { name: "Inspector" });
  assert.ok(await inspector.getByText("Select a part to see its settings").isVisible());

  const traffic = page.getByRole("region", { name: "Traffic" });
  assert.ok(await traffic.isVisible(), "traffic panel is visible");
  for (const label of ["From", "To", "Protocol", "Port"]) {
    assert.equal(await traffic.getByLabel(label, { exact: true }).count(), 1, `field "${label}"`);
  }
  assert.ok(await traffic.getByRole("button", { name: "Send" }).isVisible());
  const status = traffic.getByRole("status");
  assert.equal(await status.getAttribute("aria-live"), "polite");
  assert.ok(await page.getByRole("alert").isHidden(), "no error banner");
}

describe("release build", () => {
  test("shows the shell at the site root without console errors", async () => {
    const { page, errors } = await open("/");
    await expectShell(page);
    await page.screenshot({ path: join(artifacts, "shell.png") });

    const traffic = page.getByRole("region", { name: "Traffic" });
    await traffic.getByRole("button", { name: "Send" }).click();
    await traffic.getByRole("status").getByText("add at least two parts").waitFor();

    assert.deepEqual(errors, [], "console errors");
    await page.close();
  });

  test("works under a sub-path (relative URLs)", async () => {
    const { page, errors } = await open("/playground/");
    await expectShell(page);
    const icon = await page.locator("link[rel=icon]").getAttribute("href");
    assert.ok(!icon.startsWith("/"), `favicon URL is relative: ${icon}`);
    assert.deepEqual(errors, [], "console errors");
    await page.close();
  });

  test("follows the system's dark theme", async () => {
    const { page, errors } = await open("/", { colorScheme: "dark" });
    await expectShell(page);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(background, "rgb(14, 17, 22)", "dark background");
    await page.screenshot({ path: join(artifacts, "shell-dark.png") });
    assert.deepEqual(errors, [], "console errors");
    await page.close();
  });

  test("shows the error banner when the wasm cannot load", async () => {
    const { page } = await open("/broken/");
    const banner = page.getByRole("alert");
    await banner.waitFor({ state: "visible", timeout: 10000 });
    const text = await banner.innerText();
    assert.match(text, /Something went wrong/);
    assert.match(text, /could not/);
    assert.ok(await banner.getByRole("button", { name: "Reload" }).isVisible());
    await page.screenshot({ path: join(artifacts, "error-banner.png") });
    await page.close();
  });
});
