// End-to-end test of middlebox and ingress routing in the app (release build in dist/), in
// headless Chromium: the inspection template draws the internet gateway's route to the firewall;
// the internet reaches web through the firewall both ways; the gateway's inspector lists its
// gateway route table, and taking its route out makes the stateful firewall drop the reply it
// never saw the request of (in English and Korean); adding the route back with the inspector's
// pickers restores the flow, and removing the table takes its line off the canvas. Embedded at
// 700x450 and 390x700 it draws the same line. Screenshots: tests/e2e/artifacts/inspection-*.png.
//
// Run: node --test tests/e2e/inspection.test.mjs   (after `trunk build --release --offline`)

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { link } from "./browser.mjs";
import { appUnderTest, artifacts, openPage, sendTcp } from "./app.mjs";

const app = appUnderTest();
const here = dirname(fileURLToPath(import.meta.url));
const shop = JSON.parse(readFileSync(join(here, "..", "..", "src", "templates", "inspection-vpc.json"), "utf8"));

const canvasOf = (page) => page.getByRole("application", { name: "Canvas" });
const send = (page, from, to, port) =>
  sendTcp(page.getByRole("region", { name: "Traffic" }), from, to, port, /\S/);
const select = async (page, name) => {
  const box = await canvasOf(page).getByRole("button", { name, exact: true }).boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + 10);
};

describe("inspection through a firewall appliance", () => {
  test("ingress routing sends the internet through the firewall, and the inspector edits it", async () => {
    const { page, context, errors } = await openPage(app, `/#${link(shop)}`, { locale: "en-US" });
    const canvas = canvasOf(page);
    await canvas.getByRole("button", { name: "firewall", exact: true }).waitFor();
    assert.equal(await page.locator(".edge.route-edge").count(), 1);

    const ok = await send(page, "internet", "web", 443);
    assert.match(ok, /^Established: Internet reached web/, ok);
    await page.getByText(/^Every hop \(\d+\)/).click();
    const hops = await page.getByRole("region", { name: "Traffic" }).innerText();
    assert.match(hops, /gateway route table igw-edge: route 10\.0\.1\.0\/24 → fw/, hops);
    assert.ok((hops.match(/firewall forwards the packet/g) || []).length >= 2, hops);
    await page.screenshot({ path: join(artifacts, "inspection-established.png") });

    // The gateway's inspector: its gateway route table and its one route.
    await select(page, "igw");
    const inspector = page.getByRole("region", { name: "Inspector" });
    const routes = inspector.getByRole("table", { name: "Gateway routes" });
    await routes.waitFor();
    assert.match(await routes.innerText(), /10\.0\.1\.0\/24\s+firewall/);
    await page.screenshot({ path: join(artifacts, "inspection-inspector.png") });

    // Without the route, the internet goes straight to web, and the firewall drops the reply.
    await inspector.getByRole("button", { name: "Remove route 10.0.1.0/24" }).click();
    const status = page.getByRole("region", { name: "Traffic" }).getByRole("status");
    await status.filter({ hasText: /firewall, which|saw no request for this reply/ }).waitFor();
    assert.equal(await page.locator(".edge.route-edge").count(), 0);

    await page.getByLabel("Language").selectOption("ko");
    const ko = page.getByRole("region", { name: "트래픽" }).getByRole("status");
    await ko.filter({ hasText: /비대칭/ }).waitFor();
    await page.screenshot({ path: join(artifacts, "inspection-ko.png") });
    await page.getByLabel("언어").selectOption("en");

    // The pickers put it back: the flow is established again.
    await inspector.getByLabel("Subnet", { exact: true }).selectOption({ label: "web (10.0.1.0/24)" });
    await inspector.getByLabel("Through").selectOption({ label: "firewall" });
    await inspector.getByRole("button", { name: "Add route" }).click();
    await status.filter({ hasText: /^Established/ }).waitFor();
    assert.equal(await page.locator(".edge.route-edge").count(), 1);

    // Removing the table leaves the offer to add one.
    await inspector.getByRole("button", { name: "Remove the gateway route table" }).click();
    await inspector.getByRole("button", { name: "Add a gateway route table" }).waitFor();
    assert.equal(await page.locator(".edge.route-edge").count(), 0);

    // The firewall is a stateful appliance in its inspector.
    await select(page, "firewall");
    assert.equal(await inspector.getByLabel(/^Stateful firewall/).isChecked(), true);
    assert.deepEqual(errors, []);
    await context.close();
  });

  for (const [width, height] of [[700, 450], [390, 700]]) {
    test(`the inspection VPC embeds at ${width}x${height} with the gateway's route drawn`, async () => {
      const { page, context, errors } = await openPage(app, `/#${link(shop)}&embed=1`, {
        viewport: { width, height },
        locale: "en-US",
      });
      await canvasOf(page).getByRole("button", { name: "firewall", exact: true }).waitFor();
      assert.equal(await page.locator(".edge.route-edge").count(), 1);
      await page.screenshot({ path: join(artifacts, `inspection-embed-${width}.png`) });
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});
