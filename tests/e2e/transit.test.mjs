// End-to-end test of transit gateways in the app (release build in dist/), in headless Chromium
// at 1280x800: the hub-and-spoke template is drawn with its gateway, a flow between the two
// spokes stops at the spokes' table, the inspector lists that table's propagated route, two
// static routes written there open the flow, and the Korean inspector and explanation read in
// Korean. Screenshots: tests/e2e/artifacts/transit-*.png.
//
// Run: node --test tests/e2e/transit.test.mjs   (after `trunk build --release --offline`)

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { link } from "./browser.mjs";
import { appUnderTest, artifacts, openPage, sendTcp } from "./app.mjs";

const app = appUnderTest();
const here = dirname(fileURLToPath(import.meta.url));
const hub = JSON.parse(readFileSync(join(here, "..", "..", "src", "templates", "transit-hub.json"), "utf8"));

const canvasOf = (page) => page.getByRole("application", { name: "Canvas" });
const inspectorOf = (page) => page.getByRole("region", { name: "Inspector" });

const send = (page, from, to, port) =>
  sendTcp(page.getByRole("region", { name: "Traffic" }), from, to, port, /\S/);

async function selectGateway(page, name, heading = name) {
  const box = await canvasOf(page).getByRole("button", { name, exact: true }).boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + 10);
  await inspectorOf(page).getByRole("heading", { name: heading, exact: true }).waitFor();
}

describe("transit gateways", () => {
  test("the spokes reach each other once the spokes' table has routes to both", async () => {
    const { page, context, errors } = await openPage(app, `/#${link(hub)}`, { locale: "en-US" });
    // Drawn: the gateway, a line to each attached VPC, a line from each subnet routing to it.
    assert.equal(await page.locator(".edge.tgw-attachment").count(), 3);
    // (The shared subnet routes two blocks to it: the VPCs' and the office's.)
    assert.equal(await page.locator(".edge.route-tgw").count(), 4);
    assert.equal(await page.locator(".edge.site-link").count(), 1);
    assert.match(await send(page, "office", "shared-svc", 443), /^Established/);
    const shared = await send(page, "app-a-1", "shared-svc", 443);
    assert.match(shared, /^Established/);
    const blocked = await send(page, "app-a-1", "app-b-1", 443);
    assert.match(blocked, /spokes has no route to 10\.2\.1\.10/, blocked);
    await page.screenshot({ path: join(artifacts, "transit-blocked.png") });

    await selectGateway(page, "hub");
    const inspector = inspectorOf(page);
    await inspector.getByRole("group", { name: "app-a" }).waitFor();
    assert.equal(await inspector.getByLabel("Associated route table").first().inputValue(), "rt-shared");
    await page.screenshot({ path: join(artifacts, "transit-attachments.png") });
    await inspector.getByRole("tab", { name: "Route tables" }).click();
    const spokes = inspector.getByRole("table", { name: "Routes of spokes" });
    const rows = await spokes.getByRole("row").allInnerTexts();
    assert.ok(rows.some((r) => /10\.0\.0\.0\/16\s+shared\s+propagated/.test(r)), rows.join(" | "));

    const form = inspector.getByRole("form", { name: "Add route" }).first();
    for (const [block, to] of [["10.2.0.0/16", "att-app-b"], ["10.1.0.0/16", "att-app-a"]]) {
      await form.getByLabel("Destination").fill(block);
      await form.getByLabel("Target").selectOption(to);
      await form.getByRole("button", { name: "Add route" }).click();
      await spokes.getByRole("row").filter({ hasText: block }).waitFor();
    }
    assert.equal(await spokes.getByRole("row").filter({ hasText: "static" }).count(), 2);
    await page.screenshot({ path: join(artifacts, "transit-route-tables.png") });
    // The flow shown is traced again with the new routes.
    const status = page.getByRole("region", { name: "Traffic" }).getByRole("status");
    await status.filter({ hasText: /^Established: app-a-1 reached app-b-1/ }).waitFor();

    // Korean: the inspector and the drop's explanation.
    await page.getByLabel("Language").selectOption("ko");
    const ko = page.locator("section.inspector");
    await ko.getByRole("tab", { name: "연결" }).click();
    await ko.getByText("연결된 라우팅 테이블").first().waitFor();
    await page.screenshot({ path: join(artifacts, "transit-ko.png") });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("a transit gateway added from the palette attaches a VPC in one click", async () => {
    const scenario = structuredClone(hub);
    scenario.transit_gateways = [];
    scenario.on_prem_networks = [];
    for (const t of scenario.route_tables) t.routes = [];
    delete scenario.layout["tgw-hub"];
    const { page, context, errors } = await openPage(app, `/#${link(scenario)}`, { locale: "en-US" });
    await page.getByRole("button", { name: "Transit gateway", exact: true }).first().focus();
    await page.keyboard.press("Enter");
    await selectGateway(page, "tgw-1");
    const inspector = inspectorOf(page);
    await inspector.getByRole("button", { name: "Attach app-a" }).click();
    await inspector.getByRole("group", { name: "app-a" }).waitFor();
    assert.equal(await page.locator(".edge.tgw-attachment").count(), 1);
    await page.screenshot({ path: join(artifacts, "transit-new.png") });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("a peering between two transit gateways is drawn as one line between them", async () => {
    const s = structuredClone(hub);
    const peering = (peer) => ({ id: "tgw-attach-peer", name: "to-far", peer });
    s.transit_gateways[0].peerings = [peering("tgw-far")];
    s.transit_gateways.push({
      id: "tgw-far", name: "far", attachments: [],
      route_tables: [{ id: "tgw-far-rt", name: "far-rt", routes: [] }],
      peerings: [peering("tgw-hub")],
    });
    s.layout["tgw-far"] = { x: s.layout["tgw-hub"].x + 260, y: s.layout["tgw-hub"].y };
    const { page, context, errors } = await openPage(app, `/#${link(s)}`, { locale: "en-US" });
    await canvasOf(page).getByRole("button", { name: "far", exact: true }).waitFor();
    assert.equal(await page.locator(".edge.tgw-peering").count(), 1);
    await page.screenshot({ path: join(artifacts, "transit-peering.png") });
    assert.deepEqual(errors, []);
    await context.close();
  });
});
