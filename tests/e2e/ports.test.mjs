// End-to-end tests of the analysis of every port in the app (release build in dist/), in
// headless Chromium: the canvas's "Open ports" lines, for every pair and for the part selected,
// and the note that says what an edit (and its undo) changed, with a button that traces it.
//
// Run: node --test tests/e2e/   (after `trunk build --release --offline`)

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { link } from "./browser.mjs";
import { appUnderTest, artifacts, openPage } from "./app.mjs";

const app = appUnderTest();
const here = dirname(fileURLToPath(import.meta.url));
const template = (id) => JSON.parse(readFileSync(join(here, "..", "..", "src", "templates", `${id}.json`), "utf8"));

/** The titles of the open-port lines on the canvas, once there are some. */
async function lines(page) {
  await page.locator("#canvas .port-edge").first().waitFor();
  return page.locator("#canvas .port-edge title").allTextContents();
}

describe("every port in the app", () => {
  test("the canvas labels lines between parts with their open ports, all or the selected part's", async () => {
    const { page, context, errors } = await openPage(app, `/#${link(template("public-private-db"))}`);
    const toggle = page.getByRole("button", { name: "Open ports" });
    await toggle.click();
    assert.equal(await toggle.getAttribute("aria-pressed"), "true");
    const all = await lines(page);
    // The laptop's SSH and the API's own port reach the API; the database only hears MySQL.
    assert.ok(all.some((l) => /^My laptop → coupon-api: tcp 22, 8080$/.test(l)), all.join("\n"));
    assert.ok(all.some((l) => /→ mysql: tcp 3306$/.test(l)), all.join("\n"));
    // Two hosts on the internet are not joined.
    assert.ok(!all.some((l) => /^(My laptop|Someone else) .* (My laptop|Someone else):/.test(l)), all.join("\n"));
    // Selecting a part keeps only its lines.
    await page.locator('#canvas [data-id="api-1"]').click();
    await page.waitForFunction((n) => document.querySelectorAll("#canvas .port-edge").length < n, all.length);
    const mine = await lines(page);
    assert.ok(mine.length > 0 && mine.every((l) => l.includes("coupon-api")), mine.join("\n"));
    await page.screenshot({ path: join(artifacts, "ports-lines.png") });
    await toggle.click();
    await page.waitForFunction(() => document.querySelectorAll("#canvas .port-edge").length === 0);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("after an edit and its undo, the note says what opened and closed, and traces it", async () => {
    const { page, context, errors } = await openPage(app, `/#${link(template("service-postgis-memcached"))}`);
    await page.locator('#canvas [data-id="service"]').click();
    const inspector = page.getByRole("complementary").or(page.locator(".inspector")).first();
    await inspector.getByRole("tab", { name: "Security groups" }).click();
    await inspector.getByRole("button", { name: "Remove inbound rule tcp 22 from 0.0.0.0/0" }).click();
    const note = page.getByRole("region", { name: "What changed" });
    const closed = note.getByRole("listitem").filter({ hasText: /^Now closed: Internet → service tcp 22/ });
    await closed.waitFor();
    assert.match(await closed.textContent(), /service-sg blocks/);
    // Undo: the same flow opens again, by the group whose rule came back.
    await page.keyboard.press("Control+z");
    const opened = note.getByRole("listitem").filter({ hasText: /^Now open: Internet → service tcp 22/ });
    await opened.waitFor();
    assert.match(await opened.textContent(), /opened by service-sg/);
    await opened.getByRole("button", { name: /^Trace / }).click();
    const traffic = page.getByRole("region", { name: "Traffic" });
    await traffic.getByRole("status").getByText(/^Established/).waitFor();
    // Moving a part changes no flow: the note stays as it was.
    const box = await page.locator('#canvas [data-id="service"] rect').first().boundingBox();
    await page.mouse.move(box.x + 10, box.y + 10);
    await page.mouse.down();
    await page.mouse.move(box.x + 60, box.y + 30, { steps: 5 });
    await page.mouse.up();
    await page.waitForTimeout(800);
    assert.equal(await note.getByRole("listitem").filter({ hasText: /^Now open: Internet → service tcp 22/ }).count(), 1);
    // The note can be put away.
    await note.getByRole("button", { name: "Close the note" }).click();
    await note.waitFor({ state: "detached" });
    assert.deepEqual(errors, []);
    await context.close();
  });
});
