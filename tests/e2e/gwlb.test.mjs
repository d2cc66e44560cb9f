// End-to-end test of the Gateway Load Balancer endpoint in the app (release build in dist/), in
// headless Chromium: a GWLB endpoint dragged from the palette onto a subnet gets an address there
// and no security groups; the web subnet's route table and the internet gateway's gateway route
// table send traffic to it with the inspector's pickers, each drawn as a line; the internet then
// reaches web through the endpoint both ways, and the hops name it. The inspection template is
// drawn the same in English and Korean, at 1280x800 and 390 px wide.
// Screenshots: tests/e2e/artifacts/gwlb-*.png.
//
// Run: node --test tests/e2e/gwlb.test.mjs   (after `trunk build --release --offline`)

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { link } from "./browser.mjs";
import { appUnderTest, artifacts, dragFromPalette, openPage, sendTcp } from "./app.mjs";

const app = appUnderTest();
const here = dirname(fileURLToPath(import.meta.url));
const template = JSON.parse(
  readFileSync(join(here, "..", "..", "src", "templates", "gwlb-inspection.json"), "utf8"),
);

/** The inspection template before its endpoint: web's subnet routes straight to the internet
 * gateway, and the gateway has no route table. */
function withoutEndpoint() {
  const s = structuredClone(template);
  delete s.gwlb_endpoints;
  delete s.layout["vpce-fw"];
  s.route_tables = s.route_tables.filter((t) => t.id !== "igw-edge");
  for (const t of s.route_tables) {
    for (const r of t.routes) {
      if (r.target.gwlb_endpoint) r.target = { internet_gateway: "igw-shop" };
    }
  }
  s.subnets.find((x) => x.id === "web-subnet").name = "web-subnet";
  return s;
}

const canvasOf = (page) => page.getByRole("application", { name: /^(Canvas|캔버스)$/ });
const partOn = (page, name) => canvasOf(page).getByRole("button", { name, exact: true });
const send = (page, from, to, port) =>
  sendTcp(page.getByRole("region", { name: "Traffic" }), from, to, port, /\S/);

/** Clicks part `name` on the canvas near the top of its drawing (a node's icon, a container's
 * title bar; a node's label may be wider than its icon). */
async function select(page, name) {
  const box = await partOn(page, name).locator("rect.icon, rect.box").first().boundingBox();
  await page.mouse.click(box.x + Math.min(box.width / 2, 20), box.y + 10);
}

describe("Gateway Load Balancer endpoint", () => {
  test("placed from the palette on a subnet, routed to in the inspector, named by the hops", async () => {
    const { page, context, errors } = await openPage(app, `/#${link(withoutEndpoint())}`, { locale: "en-US" });
    const palette = page.getByRole("region", { name: "Palette" });
    const button = palette.getByRole("button", { name: "GWLB endpoint", exact: true });
    assert.match(await button.getAttribute("title"), /^Gateway Load Balancer endpoint: /);
    await palette.screenshot({ path: join(artifacts, "gwlb-palette.png") });

    // Dropped outside every subnet, it is refused with the reason.
    const subnet = await partOn(page, "endpoints").boundingBox();
    const drag = (x, y) => dragFromPalette(page, button, x, y);
    const canvas = await canvasOf(page).boundingBox();
    await drag(canvas.x + canvas.width - 40, canvas.y + canvas.height - 40);
    await page.getByText("A Gateway Load Balancer endpoint lives in a subnet: drop it on a subnet.").first().waitFor();
    assert.equal(await partOn(page, "vpce-1").count(), 0);

    // Dropped on the endpoints subnet: a part of its own, with an address of the subnet.
    await drag(subnet.x + subnet.width / 2, subnet.y + subnet.height * 0.6);
    await partOn(page, "vpce-1").waitFor();
    const inspector = page.getByRole("region", { name: "Inspector" });
    await inspector.getByRole("heading", { name: "vpce-1", exact: true }).waitFor();
    assert.equal(await inspector.locator(".kind").innerText(), "Gateway Load Balancer endpoint");
    const ip = await inspector.getByLabel("Private IPv4 address").inputValue();
    assert.match(ip, /^10\.0\.0\.\d+$/);
    assert.notEqual(ip, "10.0.0.10", "the address of the endpoint is free");
    const text = await inspector.innerText();
    assert.match(text, /In endpoints \(10\.0\.0\.0\/24\)/, text);
    assert.match(text, /it has no security groups — its subnet's network ACL applies/, text);
    assert.equal(await inspector.getByRole("tab", { name: "Security groups" }).count(), 0);
    assert.equal(await inspector.getByLabel("Public IPv4 address").count(), 0);
    await inspector.getByLabel("Name", { exact: true }).fill("firewall-endpoint");
    await inspector.getByLabel("Name", { exact: true }).press("Enter");
    await partOn(page, "firewall-endpoint").waitFor();
    await page.screenshot({ path: join(artifacts, "gwlb-placed.png") });

    // Web's subnet sends everything out through it.
    await select(page, "web-subnet");
    await inspector.getByRole("heading", { name: "web-subnet", exact: true }).waitFor();
    await inspector.getByRole("tab", { name: "Route table" }).click();
    const target = inspector.getByLabel("Target of route 0.0.0.0/0");
    await target.selectOption({ label: "firewall-endpoint (GWLB endpoint)" });
    // (A straight line has no height, so it counts as hidden: wait for it to be drawn.)
    await page.locator(".edge.route-gwlbe").first().waitFor({ state: "attached" });
    assert.equal(await page.locator(".edge.route-gwlbe").count(), 1);

    // Only one way through it: the stateful endpoint drops the reply it saw no request for.
    const oneWay = await send(page, "internet", "web", 443);
    assert.match(oneWay, /firewall-endpoint forwards statefully/, oneWay);

    // The internet gateway sends what comes in for web's subnet through it too.
    await select(page, "igw");
    await inspector.getByRole("button", { name: "Add a gateway route table" }).click();
    await inspector.getByLabel("Subnet", { exact: true }).selectOption("10.0.1.0/24");
    const via = inspector.getByLabel("Through", { exact: true });
    const options = await via.locator("option").allInnerTexts();
    assert.equal(options[1], "firewall-endpoint (GWLB endpoint)", options.join(" | "));
    await via.selectOption({ label: "firewall-endpoint (GWLB endpoint)" });
    await inspector.getByRole("button", { name: "Add route", exact: true }).click();
    const routes = inspector.getByRole("table", { name: "Gateway routes" });
    await routes.filter({ hasText: "firewall-endpoint" }).waitFor();
    assert.equal(await page.locator(".edge.route-edge").count(), 1);

    // The flow shown is traced again at once: now both ways go through the endpoint.
    const status = page.getByRole("region", { name: "Traffic" }).getByRole("status");
    await status.filter({ hasText: /^Established: Internet reached web/ }).waitFor();
    await page.getByText(/^Every hop \(\d+\)/).click();
    const hops = await page.getByRole("region", { name: "Traffic" }).locator("details.hops tbody").innerText();
    const through = /Gateway Load Balancer endpoint firewall-endpoint hands the packet/g;
    assert.equal((hops.match(through) || []).length, 2, hops);
    assert.match(hops, /gateway route table igw-edge: route 10\.0\.1\.0\/24 → vpce-1/, hops);
    // On the canvas, the packet's hops at the endpoint carry its code.
    const labels = await page.locator(".packets .hop-label").allTextContents();
    assert.ok(labels.includes("GWLBE"), labels.join(" | "));
    await page.screenshot({ path: join(artifacts, "gwlb-established.png") });
    assert.deepEqual(errors, []);
    await context.close();
  });

  for (const lang of ["en", "ko"]) {
    for (const width of [1280, 390]) {
      test(`the inspection template draws the endpoint and its lines (${lang}, ${width} px)`, async () => {
        const { page, context, errors } = await openPage(app, `/#${link(template)}`, {
          viewport: { width, height: width > 400 ? 800 : 844 },
          locale: "en-US",
        });
        if (lang === "ko") {
          await page.getByLabel("Language").selectOption("ko");
          await page.getByRole("application", { name: "캔버스" }).waitFor();
        }
        const endpoint = partOn(page, "firewall-endpoint");
        await endpoint.waitFor();
        assert.equal(await page.locator(".edge.route-gwlbe").count(), 1);
        assert.equal(await page.locator(".edge.route-edge").count(), 1);
        assert.equal(await endpoint.locator(".badge-text").textContent(), "GWLBE");
        await page.screenshot({ path: join(artifacts, `gwlb-canvas-${lang}-${width}.png`), fullPage: width < 400 });
        await select(page, "firewall-endpoint");
        const inspector = page.locator(".inspector");
        await inspector.getByRole("heading", { name: "firewall-endpoint", exact: true }).waitFor();
        const kind = await inspector.locator(".kind").innerText();
        assert.equal(kind, lang === "ko" ? "게이트웨이 로드 밸런서 엔드포인트" : "Gateway Load Balancer endpoint");
        await inspector.scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(artifacts, `gwlb-inspector-${lang}-${width}.png`), fullPage: width < 400 });
        await page.locator(".palette").screenshot({ path: join(artifacts, `gwlb-palette-${lang}-${width}.png`) });
        assert.deepEqual(errors, []);
        await context.close();
      });
    }
  }

  for (const [width, height] of [[700, 450], [390, 700]]) {
    test(`the inspection template embeds at ${width}x${height} with the endpoint and both its route lines drawn`, async () => {
      const { page, context, errors } = await openPage(app, `/#${link(template)}&embed=1`, {
        viewport: { width, height },
        locale: "en-US",
      });
      await partOn(page, "firewall-endpoint").waitFor();
      assert.equal(await page.locator(".edge.route-gwlbe").count(), 1);
      assert.equal(await page.locator(".edge.route-edge").count(), 1);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      assert.ok(overflow <= 0, `the embed scrolls sideways by ${overflow} px`);
      await page.screenshot({ path: join(artifacts, `gwlb-embed-${width}.png`) });
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});
