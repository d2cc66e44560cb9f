// End-to-end test of site-to-site VPN in the app (release build in dist/), in headless Chromium:
// the office template is drawn with its virtual private gateway, the office and a line per VPN
// connection (the one that is down in grey); the office reaches the private app but not the web
// server, whose reply has no way back; bringing the VPN down in the inspector stops the flow at
// the connection, and the Korean page explains it in Korean. Embedded at 700x450 and 390x700 it draws the same.
// Screenshots: tests/e2e/artifacts/vpn-*.png.
//
// Run: node --test tests/e2e/vpn.test.mjs   (after `trunk build --release --offline`)

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { link } from "./browser.mjs";
import { appUnderTest, artifacts, openPage, sendTcp } from "./app.mjs";

const app = appUnderTest();
const here = dirname(fileURLToPath(import.meta.url));
const site = JSON.parse(readFileSync(join(here, "..", "..", "src", "templates", "vpn-site.json"), "utf8"));

const canvasOf = (page) => page.getByRole("application", { name: "Canvas" });
const send = (page, from, to, port) =>
  sendTcp(page.getByRole("region", { name: "Traffic" }), from, to, port, /\S/);

describe("site-to-site VPN", () => {
  test("the office reaches the private app over the VPN, and not once the VPN is down", async () => {
    const { page, context, errors } = await openPage(app, `/#${link(site)}`, { locale: "en-US" });
    const canvas = canvasOf(page);
    await canvas.getByRole("button", { name: "vgw", exact: true }).waitFor();
    await canvas.getByRole("button", { name: "office", exact: true }).waitFor();
    assert.equal(await page.locator(".edge.site-link").count(), 2);
    assert.equal(await page.locator(".edge.site-link.down").count(), 1);
    assert.equal(await page.locator(".edge.route-vgw").count(), 1);

    const ok = await send(page, "office", "app", 22);
    assert.match(ok, /^Established: 192\.168\.0\.10 reached app/, ok);
    // The hops name the connection the packet took.
    await page.getByText(/^Every hop \(\d+\)/).click();
    const traffic = await page.getByRole("region", { name: "Traffic" }).innerText();
    assert.match(traffic, /vpn-office/, traffic);
    await page.screenshot({ path: join(artifacts, "vpn-established.png") });

    const web = await send(page, "office", "web", 22);
    assert.match(web, /private address of office; the internet does not route private addresses/, web);

    // The office's inspector brings the VPN down: the flow now stops at the connection.
    const box = await canvas.getByRole("button", { name: "office", exact: true }).boundingBox();
    await page.mouse.click(box.x + box.width / 2, box.y + 10);
    const inspector = page.getByRole("region", { name: "Inspector" });
    await inspector.getByRole("heading", { name: "office", exact: true }).waitFor();
    assert.equal(await inspector.getByLabel("Address blocks").inputValue(), "192.168.0.0/16");
    await inspector.getByLabel("VPN connection vpn-office to vgw is up").uncheck();
    // The flow shown is traced again at once: with both connections down, nothing leaves the office.
    const traffic2 = page.getByRole("region", { name: "Traffic" }).getByRole("status");
    await traffic2.filter({ hasText: /both tunnels of VPN connection vpn-office are down/ }).waitFor();
    await page.screenshot({ path: join(artifacts, "vpn-inspector.png") });

    await page.getByLabel("Language").selectOption("ko");
    const status = page.getByRole("region", { name: "트래픽" }).getByRole("status");
    await status.filter({ hasText: /[가-힣]/ }).waitFor();
    const text = await status.innerText();
    assert.doesNotMatch(text, /tunnels|…/, text);
    await page.screenshot({ path: join(artifacts, "vpn-ko.png") });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("the public subnet takes the office's routes by propagation; the office's links are edited in its inspector", async () => {
    const { page, context, errors } = await openPage(app, `/#${link(site)}`, { locale: "en-US" });
    const canvas = canvasOf(page);
    const inspector = page.getByRole("region", { name: "Inspector" });
    const select = async (name) => {
      const box = await canvas.getByRole("button", { name, exact: true }).locator("rect.icon, rect.box").first().boundingBox();
      await page.mouse.click(box.x + Math.min(box.width / 2, 20), box.y + 10);
      await inspector.getByRole("heading", { name, exact: true }).waitFor();
    };
    await canvas.getByRole("button", { name: "office", exact: true }).waitFor();
    assert.match(await send(page, "office", "web", 22), /private address of office/);

    // Route propagation from the gateway: the office's block appears in public-rt, marked so.
    await select("public");
    await inspector.getByRole("tab", { name: "Route table" }).click();
    await inspector.getByLabel("Propagate routes from vgw").check();
    const routes = inspector.getByRole("table", { name: "Routes" });
    await routes.getByText("propagated").waitFor();
    assert.match(await routes.innerText(), /192\.168\.0\.0\/16\s+vgw\s+propagated/);
    assert.equal(await page.locator(".edge.route-vgw").count(), 2);
    // The flow shown is traced again at once: web's reply now goes back over the VPN.
    const status = page.getByRole("region", { name: "Traffic" }).getByRole("status");
    await status.filter({ hasText: /^Established: 192\.168\.0\.10 reached web/ }).waitFor();
    await page.getByText(/^Every hop \(\d+\)/).click();
    const hops = await page.getByRole("region", { name: "Traffic" }).innerText();
    assert.match(hops, /propagated route 192\.168\.0\.0\/16 → vgw-corp/, hops);
    await page.screenshot({ path: join(artifacts, "vpn-propagation.png") });

    // A static VPN carries only its static routes: the reply to 192.168.0.10 has no link.
    await select("office");
    const routesField = inspector.getByLabel("Static routes of vpn-office");
    // A wrong block is refused in words, and nothing changes.
    await routesField.fill("192.168.1.0/33");
    await routesField.press("Enter");
    await inspector.locator(".error-msg").filter({ hasText: /192\.168\.1\.0\/33/ }).first().waitFor();
    await status.filter({ hasText: /^Established: 192\.168\.0\.10 reached web/ }).waitFor();
    await routesField.fill("192.168.1.0/24");
    await routesField.press("Enter");
    assert.match(await send(page, "office", "app", 22), /^Dropped/);
    // Direct Connect announces over BGP: no static routes, the site's blocks again.
    await inspector.getByLabel("Kind of vpn-office").selectOption({ label: "Direct Connect" });
    await inspector.getByLabel("Direct Connect link vpn-office to vgw is up").waitFor();
    assert.equal(await inspector.getByLabel("Static routes of vpn-office").count(), 0);
    await status.filter({ hasText: /^Established: 192\.168\.0\.10 reached app/ }).waitFor();

    // Links are removed and added.
    await inspector.getByRole("button", { name: "Remove link vpn-backup" }).click();
    await page.locator(".edge.site-link").first().waitFor({ state: "attached" });
    assert.equal(await page.locator(".edge.site-link").count(), 1);
    await inspector.getByLabel("New link").selectOption({ label: "vgw" });
    await inspector.getByLabel(/^VPN connection vpn-\d+ to vgw is up$/).waitFor();
    assert.equal(await page.locator(".edge.site-link").count(), 2);
    await page.screenshot({ path: join(artifacts, "vpn-links-inspector.png") });
    assert.deepEqual(errors, []);
    await context.close();
  });

  for (const [width, height] of [[700, 450], [390, 700]]) {
    test(`the office embeds at ${width}x${height} with its links drawn`, async () => {
      const { page, context, errors } = await openPage(app, `/#${link(site)}&embed=1`, {
        viewport: { width, height },
        locale: "en-US",
      });
      await canvasOf(page).getByRole("button", { name: "office", exact: true }).waitFor();
      assert.equal(await page.locator(".edge.site-link").count(), 2);
      await page.screenshot({ path: join(artifacts, `vpn-embed-${width}.png`) });
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});
