// End-to-end test of the interface endpoint (AWS PrivateLink) in the app (release build in dist/),
// in headless Chromium: an interface endpoint dragged from the palette onto the private subnet of
// the template "Public, private and DB subnets" is refused outside a subnet, gets an address in
// the subnet, listens on tcp/443 behind a group of its own that admits HTTPS from the VPC, is
// drawn with its badge, and the inspector names it; an instance then reaches it on tcp/443 and
// not on another port. Screenshots: tests/e2e/artifacts/endpoint-*.png.
//
// Run: node --test tests/e2e/endpoint.test.mjs   (after `trunk build --release --offline`)

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
  readFileSync(join(here, "..", "..", "src", "templates", "public-private-db.json"), "utf8"),
);

const canvasOf = (page) => page.getByRole("application", { name: /^(Canvas|캔버스)$/ });
const partOn = (page, name) => canvasOf(page).getByRole("button", { name, exact: true });
const send = (page, from, to, port) =>
  sendTcp(page.getByRole("region", { name: "Traffic" }), from, to, port, /\S/);

describe("Interface endpoint", () => {
  test("placed from the palette on a private subnet, reached on tcp/443 only", async () => {
    const { page, context, errors } = await openPage(app, `/#${link(template)}`, { locale: "en-US" });
    const palette = page.getByRole("region", { name: "Palette" });
    const button = palette.getByRole("button", { name: "Interface endpoint", exact: true });
    assert.match(await button.getAttribute("title"), /PrivateLink/);
    assert.equal(await button.locator(".badge").innerText(), "VPCE");

    const drag = (x, y) => dragFromPalette(page, button, x, y);
    // Dropped outside every subnet, it is refused with the reason.
    const canvas = await canvasOf(page).boundingBox();
    await drag(canvas.x + canvas.width - 40, canvas.y + canvas.height - 40);
    await page.getByText("An interface endpoint lives in a subnet: drop it on a subnet.").first().waitFor();
    assert.equal(await partOn(page, "ssm endpoint").count(), 0);

    // Dropped on the private subnet: an endpoint with an address of the subnet.
    const subnet = await partOn(page, "hello-private-subnet").boundingBox();
    await drag(subnet.x + subnet.width * 0.6, subnet.y + subnet.height * 0.6);
    const endpoint = partOn(page, "ssm endpoint");
    await endpoint.waitFor();
    assert.equal(await endpoint.locator(".badge-text").textContent(), "VPCE");
    const inspector = page.getByRole("region", { name: "Inspector" });
    await inspector.getByRole("heading", { name: "ssm endpoint", exact: true }).waitFor();
    assert.equal(await inspector.locator(".kind").innerText(), "Interface endpoint");
    assert.equal(await inspector.getByLabel("Role").inputValue(), "interface-endpoint");
    const ip = await inspector.getByLabel("Private IPv4 address").inputValue();
    assert.match(ip, /^10\.0\.1\.\d+$/);
    const text = await inspector.innerText();
    assert.match(text, /In hello-private-subnet \(10\.0\.1\.0\/24\)/, text);
    assert.equal(await inspector.getByLabel("Listening ports").inputValue(), "443");
    assert.equal(await inspector.getByLabel("Public IPv4 address").isChecked(), false);
    // Its group admits HTTPS from the VPC's block.
    await inspector.getByRole("tab", { name: "Security groups" }).click();
    const groups = await inspector.innerText();
    assert.match(groups, /ssm endpoint-sg/, groups);
    assert.match(groups, /10\.0\.0\.0\/16/, groups);
    await inspector.getByRole("tab", { name: "Details" }).click();

    // An instance of the VPC reaches it on tcp/443, and not on another port.
    const ok = await send(page, "api-1", "vpce-ssm", 443);
    assert.match(ok, /^Established: coupon-api reached ssm endpoint/, ok);
    await page.screenshot({ path: join(artifacts, "endpoint-established.png") });
    const other = await send(page, "api-1", "vpce-ssm", 80);
    assert.doesNotMatch(other, /^Established/, other);
    assert.match(other, /ssm endpoint-sg/, other);

    // In Korean, the inspector names it in the console's words.
    await page.getByLabel("Language").selectOption("ko");
    await canvasOf(page).waitFor();
    await page.locator(".inspector .kind").filter({ hasText: "인터페이스 엔드포인트" }).waitFor();
    await page.screenshot({ path: join(artifacts, "endpoint-ko.png") });
    assert.deepEqual(errors, []);
    await context.close();
  });
});
