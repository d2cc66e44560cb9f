// End-to-end test of IPv6 dual stack in the app (release build in dist/), in headless Chromium:
// from an empty canvas, a VPC gets an IPv6 block, a subnet a /64 of it, an instance an address
// of that; an egress-only internet gateway from the palette sits on the VPC's edge, and a route
// ::/0 → it, added in the subnet's route table editor, is drawn as a line. Over IPv6 the
// instance then reaches the internet (established), while the internet cannot start a
// connection to the instance (dropped at the egress-only gateway). The scenario built is drawn
// in English and Korean, at 1280x800 and 390 px wide. The template "IPv6 with an egress-only
// internet gateway" gives app its way out and web its way in over IPv6, and embeds at 700x450
// and 390x700 without scrolling sideways.
// Screenshots: tests/e2e/artifacts/ipv6-*.png.
//
// Run: node --test tests/e2e/ipv6.test.mjs   (after `trunk build --release --offline`)

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { link } from "./browser.mjs";
import { appUnderTest, artifacts, openPage, sendTcp } from "./app.mjs";

const app = appUnderTest();
const here = dirname(fileURLToPath(import.meta.url));
const template = JSON.parse(
  readFileSync(join(here, "..", "..", "src", "templates", "ipv6-egress-only.json"), "utf8"),
);

const canvasOf = (page) => page.getByRole("application", { name: /^(Canvas|캔버스)$/ });
const partOn = (page, name) => canvasOf(page).getByRole("button", { name, exact: true });

/** Clicks part `name` on the canvas near the top of its drawing. */
async function select(page, name) {
  await canvasOf(page).scrollIntoViewIfNeeded();
  const box = await partOn(page, name).locator("rect.icon, rect.box").first().boundingBox();
  await page.mouse.click(box.x + Math.min(box.width / 2, 20), box.y + 10);
}

/** Sends a TCP flow from `from` to port `port` of `to` over IPv6; returns the verdict line. */
const sendV6 = (page, from, to, port) =>
  sendTcp(page.getByRole("region", { name: "Traffic" }), from, to, port, undefined, { ipv6: true });

/** The scenario the first test builds, for the drawing tests. */
let built;

describe("IPv6 dual stack", () => {
  test("built from an empty canvas: out through the egress-only gateway, nothing in", async () => {
    const { page, context, errors } = await openPage(app, "/", { locale: "en-US" });
    const palette = page.getByRole("region", { name: "Palette" });
    const inspector = page.getByRole("region", { name: "Inspector" });
    const add = (name) => palette.getByRole("button", { name, exact: true }).press("Enter");

    // An egress-only gateway needs a VPC.
    const eigwButton = palette.getByRole("button", { name: "Egress-only IGW", exact: true });
    assert.match(await eigwButton.getAttribute("title"), /^Egress-only internet gateway: IPv6 out/);
    await eigwButton.press("Enter");
    await page.getByText("An egress-only internet gateway attaches to a VPC: add a VPC first.").first().waitFor();

    await add("VPC");
    await partOn(page, "vpc-1").waitFor();
    await inspector.getByRole("heading", { name: "vpc-1", exact: true }).waitFor();
    await inspector.getByRole("button", { name: "Add IPv6 block" }).click();
    await inspector.getByText("2600:1f18:1c00:1000::/56", { exact: true }).waitFor();
    await canvasOf(page).getByText(/2600:1f18:1c00:1000::\/56/).waitFor();

    await add("Subnet");
    await partOn(page, "subnet-a").waitFor();
    await inspector.getByRole("heading", { name: "subnet-a", exact: true }).waitFor();
    await inspector.getByRole("button", { name: "Add IPv6 block" }).click();
    await inspector.getByText("2600:1f18:1c00:1000::/64", { exact: true }).waitFor();
    assert.equal(await inspector.getByRole("button", { name: "Add IPv6 block" }).count(), 0, "a subnet has one /64");

    await add("EC2 instance");
    await partOn(page, "web-1").waitFor();
    await inspector.getByRole("heading", { name: "web-1", exact: true }).waitFor();
    await inspector.getByRole("button", { name: "Assign IPv6 address" }).click();
    await inspector.getByText("2600:1f18:1c00:1000::4", { exact: true }).waitFor();
    await page.screenshot({ path: join(artifacts, "ipv6-assigned.png") });

    await add("Egress-only IGW");
    await partOn(page, "eigw-1").waitFor();
    await inspector.getByRole("heading", { name: "eigw-1", exact: true }).waitFor();
    assert.equal(await inspector.locator(".kind").innerText(), "Egress-only internet gateway");
    assert.match(await inspector.innerText(), /nothing can start a connection from the internet through it/);
    assert.equal(await partOn(page, "eigw-1").locator(".badge-text").textContent(), "EIGW");
    // It sits on the VPC's top edge.
    const vpcBox = await partOn(page, "vpc-1").locator("rect.box").first().boundingBox();
    const gwBox = await partOn(page, "eigw-1").locator("rect.icon").first().boundingBox();
    assert.ok(Math.abs(gwBox.y + gwBox.height / 2 - vpcBox.y) < 4, `${JSON.stringify(gwBox)} vs ${JSON.stringify(vpcBox)}`);
    await add("Egress-only IGW");
    await page.getByText(/vpc-1 already has an egress-only internet gateway \(eigw-1\); one is enough\./).first().waitFor();

    await add("Internet");
    await partOn(page, "Internet").waitFor();

    // The subnet's route table: ::/0 → the egress-only gateway, with the route editor.
    await select(page, "subnet-a");
    await inspector.getByRole("heading", { name: "subnet-a", exact: true }).waitFor();
    await inspector.getByRole("tab", { name: "Route table" }).click();
    const routes = inspector.getByRole("table", { name: "Routes" });
    await routes.getByText("2600:1f18:1c00:1000::/56").waitFor();
    await inspector.getByLabel("Destination", { exact: true }).fill("::/0");
    await inspector.getByLabel("Target", { exact: true }).selectOption({ label: "eigw-1 (egress-only internet gateway)" });
    await inspector.getByRole("button", { name: "Add route", exact: true }).click();
    await inspector.getByLabel("Target of route ::/0").waitFor();
    await page.locator(".edge.route-eigw").first().waitFor({ state: "attached" });
    assert.equal(await page.locator(".edge.route-eigw").count(), 1);

    // Out over IPv6: established, through the egress-only gateway, no NAT.
    const out = await sendV6(page, "web-1", "internet", 443);
    assert.match(out, /^Established/, out);
    await page.getByText(/^Every hop \(\d+\)/).click();
    const hops = await page.getByRole("region", { name: "Traffic" }).locator("details.hops tbody").innerText();
    assert.match(hops, /egress-only internet gateway/i, hops);
    assert.match(hops, /\[2600:1f18:1c00:1000::4\]:\d+/, hops);
    const labels = await page.locator(".packets .hop-label").allTextContents();
    assert.ok(labels.includes("EIGW"), labels.join(" | "));
    await page.screenshot({ path: join(artifacts, "ipv6-established.png") });

    // In over IPv6: the internet cannot start a connection through the egress-only gateway.
    const inward = await sendV6(page, "internet", "web-1", 443);
    assert.match(inward, /^Dropped/, inward);
    assert.match(inward, /egress-only/i, inward);
    await page.screenshot({ path: join(artifacts, "ipv6-dropped.png") });

    // The scenario as built, for the drawing tests.
    await page.waitForFunction(() => (localStorage.getItem("vpc-playground.autosave") || "").includes("egress_only"));
    built = JSON.parse(await page.evaluate(() => localStorage.getItem("vpc-playground.autosave")));
    assert.equal(built.egress_only_internet_gateways.length, 1);
    assert.deepEqual(errors, []);
    await context.close();
  });

  for (const lang of ["en", "ko"]) {
    for (const width of [1280, 390]) {
      test(`the dual-stack VPC is drawn with its egress-only gateway and route line (${lang}, ${width} px)`, async () => {
        assert.ok(built, "the first test built the scenario");
        const { page, context, errors } = await openPage(app, `/#${link(built)}`, {
          viewport: { width, height: width > 400 ? 800 : 844 },
          locale: "en-US",
        });
        if (lang === "ko") {
          await page.getByLabel("Language").selectOption("ko");
          await page.getByRole("application", { name: "캔버스" }).waitFor();
        }
        await partOn(page, "eigw-1").waitFor();
        assert.equal(await page.locator(".edge.route-eigw").count(), 1);
        await page.screenshot({ path: join(artifacts, `ipv6-canvas-${lang}-${width}.png`), fullPage: width < 400 });
        const inspector = page.locator(".inspector");
        for (const part of ["eigw-1", "web-1", "vpc-1"]) {
          await select(page, part);
          await inspector.getByRole("heading", { name: part, exact: true }).waitFor();
          await inspector.scrollIntoViewIfNeeded();
          await page.screenshot({ path: join(artifacts, `ipv6-inspector-${part}-${lang}-${width}.png`), fullPage: width < 400 });
        }
        const kind = await inspector.locator(".kind").innerText();
        assert.equal(kind, "VPC");
        await select(page, "eigw-1");
        assert.equal(
          await inspector.locator(".kind").innerText(),
          lang === "ko" ? "송신 전용 인터넷 게이트웨이" : "Egress-only internet gateway",
        );
        await page.locator(".palette").screenshot({ path: join(artifacts, `ipv6-palette-${lang}-${width}.png`) });
        assert.deepEqual(errors, []);
        await context.close();
      });
    }
  }

  for (const lang of ["en", "ko"]) {
    test(`the IPv6 template: app out through the egress-only gateway, the internet in to web only (${lang}, 1280 px)`, async () => {
      const { page, context, errors } = await openPage(app, `/#${link(template)}`, {
        viewport: { width: 1280, height: 800 },
        locale: "en-US",
      });
      if (lang === "ko") {
        await page.getByLabel("Language").selectOption("ko");
        await page.getByRole("application", { name: "캔버스" }).waitFor();
      }
      await partOn(page, "eigw").waitFor();
      assert.equal(await page.locator(".edge.route-eigw").count(), 1);
      if (lang === "en") {
        assert.match(await sendV6(page, "app", "internet", 443), /^Established/);
        const inward = await sendV6(page, "internet", "app", 22);
        assert.match(inward, /^Dropped on the way back/, inward);
        assert.match(inward, /egress-only/i, inward);
        assert.match(await sendV6(page, "internet", "web", 443), /^Established/);
      }
      await page.screenshot({ path: join(artifacts, `ipv6-template-${lang}-1280.png`) });
      assert.deepEqual(errors, []);
      await context.close();
    });
  }

  for (const [width, height] of [[700, 450], [390, 700]]) {
    test(`the IPv6 template embeds at ${width}x${height} with both gateways and the egress-only route line`, async () => {
      const { page, context, errors } = await openPage(app, `/#${link(template)}&embed=1`, {
        viewport: { width, height },
        locale: "en-US",
      });
      await partOn(page, "eigw").waitFor();
      await partOn(page, "igw").waitFor();
      assert.equal(await page.locator(".edge.route-eigw").count(), 1);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      assert.ok(overflow <= 0, `the embed scrolls sideways by ${overflow} px`);
      await page.screenshot({ path: join(artifacts, `ipv6-embed-${width}.png`) });
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});
