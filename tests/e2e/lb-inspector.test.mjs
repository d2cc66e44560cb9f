// End-to-end tests of the inspector's load balancer, reverse proxy and security group rule
// editors (release build in dist/), in headless Chromium at 1280x800: listeners and target groups
// edited as the AWS console has them, with the health the engine's checks find per target;
// security group rules edited in place, a bare address read as /32, and "My IP" from the
// scenario's "My laptop" (offering to add one); then the flows those edits open.
//
// Run: node --test tests/e2e/   (after `trunk build --release --offline`)

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { link } from "./browser.mjs";
import { appUnderTest, artifacts } from "./app.mjs";

const app = appUnderTest();

const all = (cidr) => ({ protocol: "all", peer: { cidr } });
const tcp = (ports, peer) => ({ protocol: "tcp", ports, peer });

/** An internet-facing load balancer in two public subnets in front of `web` (listening on 80
 * and 443) and a reverse proxy `edge` beside it; no "My laptop". */
const scenario = {
  version: 1,
  name: "load balancer",
  vpcs: [{ id: "vpc", name: "vpc", cidrs: ["10.0.0.0/16"] }],
  subnets: [
    { id: "pub-a", name: "pub-a", vpc: "vpc", az: "ap-northeast-2a", cidr: "10.0.0.0/24" },
    { id: "pub-c", name: "pub-c", vpc: "vpc", az: "ap-northeast-2c", cidr: "10.0.1.0/24" },
  ],
  route_tables: [
    { id: "rt", name: "public-rt", vpc: "vpc", main: true, subnets: ["pub-a", "pub-c"],
      routes: [{ destination: { cidr: "0.0.0.0/0" }, target: { internet_gateway: "igw" } }] },
  ],
  security_groups: [
    { id: "sg-alb", name: "alb-sg", vpc: "vpc", inbound: [tcp("80", { cidr: "0.0.0.0/0" })], outbound: [all("0.0.0.0/0")] },
    { id: "sg-web", name: "web-sg", vpc: "vpc", inbound: [tcp("80", { group: "sg-alb" })], outbound: [all("0.0.0.0/0")] },
  ],
  instances: [
    { id: "web", name: "web", role: "web", listens: [80, 443, 8080],
      interfaces: [{ id: "eni-web", subnet: "pub-a", private_ip: "10.0.0.10", public_ip: "54.180.30.10", security_groups: ["sg-web"] }] },
    { id: "edge", name: "edge", role: "reverse-proxy", listens: [80],
      interfaces: [{ id: "eni-edge", subnet: "pub-c", private_ip: "10.0.1.10", security_groups: ["sg-web"] }] },
  ],
  load_balancers: [
    { id: "alb", name: "alb",
      nodes: [
        { id: "alb-a", subnet: "pub-a", private_ip: "10.0.0.30", public_ip: "54.180.30.30", security_groups: ["sg-alb"] },
        { id: "alb-c", subnet: "pub-c", private_ip: "10.0.1.30", public_ip: "54.180.30.31", security_groups: ["sg-alb"] },
      ],
      listeners: [{ port: 80, target_group: "tg-web" }],
      target_groups: [{ id: "tg-web", name: "tg-web", port: 80, targets: [{ id: "web" }] }] },
  ],
  internet_gateways: [{ id: "igw", name: "igw", vpc: "vpc" }],
  internet_hosts: [{ id: "internet", name: "Internet", ip: "198.51.100.20" }],
};

async function open(lang = "en") {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: lang });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (err) => errors.push(String(err)));
  page.on("console", (msg) => msg.type() === "error" && errors.push(msg.text()));
  await page.goto(new URL(`/#${link(scenario)}`, app.server.url).href);
  await page.getByRole("application", { name: lang === "en" ? "Canvas" : "캔버스" }).waitFor();
  return { page, context, errors };
}

const canvasOf = (page) => page.getByRole("application", { name: /^(Canvas|캔버스)$/ });
const partOn = (page, name) => canvasOf(page).getByRole("button", { name, exact: true });
const inspectorOf = (page) => page.getByRole("region", { name: "Inspector" });

async function selectPart(page, name) {
  const box = await partOn(page, name).boundingBox();
  await page.mouse.click(box.x + 6, box.y + 6);
  await inspectorOf(page).getByRole("heading", { name, exact: true }).waitFor();
}

/** Sends a TCP flow in the traffic panel and returns the verdict line once it names the flow. */
async function send(page, from, to, port) {
  const traffic = page.getByRole("region", { name: "Traffic" });
  await traffic.getByLabel("From", { exact: true }).selectOption(from);
  await traffic.getByLabel("To", { exact: true }).selectOption(to);
  await traffic.getByLabel("Protocol").selectOption("tcp");
  await traffic.getByLabel("Port", { exact: true }).fill(String(port));
  await traffic.getByRole("button", { name: "Send" }).click();
  const status = traffic.getByRole("status");
  await status.getByText(/^(Established|Dropped|Refused|No route|Timed out)/).waitFor();
  return status.innerText();
}

/** A validated field: fill, commit with Enter. */
async function setField(field, value) {
  await field.fill(value);
  await field.press("Enter");
}

describe("load balancer and security group editors", () => {
  test("listeners, target groups and health; rules edited in place; bare IP and My IP", async () => {
    const { page, context, errors } = await open();
    const inspector = inspectorOf(page);
    await partOn(page, "alb").waitFor();
    await selectPart(page, "alb");

    // Listeners as the console has them: HTTP 80 to tg-web.
    await inspector.getByRole("heading", { name: "Listeners" }).waitFor();
    assert.equal(await inspector.getByLabel("Listener protocol").inputValue(), "http");
    assert.equal(await inspector.getByLabel("Listener port").inputValue(), "80");
    assert.equal(await inspector.getByLabel("Target group", { exact: true }).inputValue(), "tg-web");
    const targets = inspector.getByRole("group", { name: "Targets" });
    assert.ok(await targets.getByLabel("web").isChecked());
    await targets.getByText("healthy on port 80").waitFor();

    // Add listener: HTTPS 443 comes next. A duplicate port is refused with a reason.
    await inspector.getByRole("button", { name: "Add listener" }).click();
    assert.equal(await inspector.getByLabel("Listener protocol").nth(1).inputValue(), "https");
    assert.equal(await inspector.getByLabel("Listener port").nth(1).inputValue(), "443");
    const second = inspector.getByLabel("Listener port").nth(1);
    await second.fill("80");
    assert.equal(await second.getAttribute("aria-invalid"), "true");
    assert.match(await inspector.locator(`#${await second.getAttribute("aria-describedby")}`).innerText(), /already has a listener/);
    await second.fill("443");
    await second.press("Enter");

    // HTTPS 443 is still refused by the load balancer's group: the engine says so.
    assert.match(await send(page, "internet", "alb", 443), /^Dropped.*alb-sg/);

    // Target port 8080: the health check finds web's group closed on 8080 and says why.
    await setField(inspector.getByLabel("Target port"), "8080");
    const unhealthy = targets.getByText("unhealthy on port 8080");
    await unhealthy.waitFor();
    assert.match(await targets.innerText(), /web-sg/);
    await page.screenshot({ path: join(artifacts, "lb-inspector-unhealthy.png") });
    // A health-check port of its own: 80 is open, so web is healthy again while traffic uses 8080.
    await setField(inspector.getByLabel("Health check port"), "80");
    await targets.getByText("healthy on port 80").waitFor();
    await setField(inspector.getByLabel("Health check port"), "");
    await unhealthy.waitFor();

    // web's rule edited in place: 80 from alb-sg becomes 8080; the target is healthy on 8080.
    await selectPart(page, "web");
    await inspector.getByRole("tab", { name: "Security groups" }).click();
    const group = inspector.getByRole("region", { name: "Security group web-sg" });
    await group.getByRole("button", { name: "Edit inbound rule tcp 80 from alb-sg" }).click();
    const editForm = group.getByRole("form", { name: "Edit inbound rule 1 of web-sg" });
    assert.equal(await editForm.getByLabel("Source").inputValue(), "sg:sg-alb");
    await editForm.getByLabel("Port range").fill("8080");
    await editForm.getByLabel("Description").fill("app port from the load balancer");
    await editForm.getByRole("button", { name: "Save rule" }).click();
    const rules = group.getByRole("table", { name: "web-sg inbound rules" });
    await rules.getByRole("cell", { name: "8080", exact: true }).waitFor();
    await rules.getByRole("cell", { name: "app port from the load balancer" }).waitFor();
    assert.equal(await rules.locator("tbody tr:not(.implicit)").count(), 1, "edited in place, not added");

    // A bare address is one address: 203.0.113.7 is 203.0.113.7/32 (SSH sets tcp/22).
    const add = group.getByRole("form", { name: "Add inbound rule to web-sg" });
    await add.getByLabel("Type").selectOption("ssh");
    assert.equal(await add.getByLabel("Port range").inputValue(), "22");
    await add.getByLabel("CIDR").fill("203.0.113.7");
    await add.getByRole("button", { name: "Add inbound rule" }).click();
    await rules.getByRole("cell", { name: "203.0.113.7/32", exact: true }).waitFor();

    // My IP: there is no "My laptop" yet, so the form offers to add one, then uses its /32.
    await add.getByLabel("Type").selectOption("https");
    await add.getByLabel("Source").selectOption("myip");
    assert.ok(await add.getByRole("button", { name: "Add inbound rule" }).isDisabled());
    await add.getByRole("button", { name: "Add My laptop" }).click();
    await partOn(page, "My laptop").waitFor();
    const mine = await add.getByLabel("Source").locator("option[value=myip]").innerText();
    const ip = mine.match(/\((\d+\.\d+\.\d+\.\d+)\/32\)/)?.[1];
    assert.ok(ip, `My IP names the laptop's address: ${mine}`);
    await add.getByRole("button", { name: "Add inbound rule" }).click();
    await rules.getByRole("cell", { name: `${ip}/32 (My IP)`, exact: true }).waitFor();
    await page.screenshot({ path: join(artifacts, "sg-rules-in-place.png") });
    // The table and the form fit the inspector: nothing runs past its right edge.
    const edge = await inspector.evaluate((el) => el.getBoundingClientRect().right);
    const widest = await group.evaluate((el) =>
      Math.max(...[...el.querySelectorAll("table, form, input, select, button")].map((x) => x.getBoundingClientRect().right)));
    assert.ok(widest <= edge + 0.5, `rules end at ${widest}, the inspector at ${edge}`);

    // The flows those edits open: My laptop reaches web on 443 only through its new rule.
    assert.match(await send(page, "laptop", "web", 443), /^Established/);
    assert.match(await send(page, "internet", "web", 443), /^Dropped/);

    // Back on the load balancer: web is healthy on 8080; remove the HTTPS listener, undo it.
    await selectPart(page, "alb");
    // The inspector opens on the tab last picked (Security groups): Details has the listeners.
    await inspector.getByRole("tab", { name: "Details" }).click();
    await targets.getByText("healthy on port 8080").waitFor();
    await inspector.getByRole("button", { name: "Remove listener 2" }).click();
    assert.equal(await inspector.getByLabel("Listener port").count(), 1);
    await page.getByRole("button", { name: "Undo", exact: true }).click();
    await inspector.getByLabel("Listener port").nth(1).waitFor();
    // Unregistering the only target leaves it unchecked, with no health shown.
    await targets.getByLabel("web").uncheck();
    await targets.getByText(/healthy/).waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Undo", exact: true }).click();
    await targets.getByText("healthy on port 8080").waitFor();
    await page.screenshot({ path: join(artifacts, "lb-inspector.png") });

    // The reverse proxy's upstreams: the same kind of editor.
    await selectPart(page, "edge");
    await inspector.getByRole("tab", { name: "Details" }).click();
    await inspector.getByRole("heading", { name: "Upstreams" }).waitFor();
    await inspector.getByRole("button", { name: "Add upstream" }).click();
    assert.equal(await inspector.getByLabel("Listen port").inputValue(), "80");
    await inspector.getByLabel("Upstream target").selectOption({ label: "web" });
    await setField(inspector.getByLabel("Upstream port"), "8080");
    assert.equal(await inspector.getByLabel("Upstream port").inputValue(), "8080");
    await page.screenshot({ path: join(artifacts, "proxy-upstreams.png") });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("a network load balancer keeps the client's address: its hops say so, and its own group admits it", async () => {
    const { page, context, errors } = await open();
    const inspector = inspectorOf(page);
    await partOn(page, "alb").waitFor();
    await selectPart(page, "alb");
    await inspector.getByLabel("Type").selectOption("network");
    // HTTP becomes TCP; the canvas draws it as an NLB; preservation is on for instance targets.
    assert.equal(await inspector.getByLabel("Listener protocol").inputValue(), "tcp");
    const offered = await inspector.getByLabel("Listener protocol").locator("option").allInnerTexts();
    assert.deepEqual(offered, ["TCP", "TLS", "UDP", "TCP_UDP"]);
    await canvasOf(page).getByText("NLB", { exact: true }).waitFor();
    await inspector.getByText("Network load balancer", { exact: true }).waitFor();
    const keep = inspector.getByLabel("Preserve client IP addresses");
    assert.ok(await keep.isChecked());
    // web-sg admits only alb-sg: with the client's address kept it still admits the load
    // balancer's connections (AWS's rule for a group that names the load balancer's group).
    assert.match(await send(page, "internet", "alb", 80), /^Established/);
    await page.locator("details.hops > summary").click();
    const hops = await page.locator(".hops tbody").innerText();
    assert.match(hops, /client's address 198\.51\.100\.20 kept/);
    assert.match(hops, /holds this connection/);
    await page.screenshot({ path: join(artifacts, "nlb-inspector.png") });
    // Back to an application load balancer: TCP becomes HTTP again.
    await inspector.getByLabel("Type").selectOption("application");
    assert.equal(await inspector.getByLabel("Listener protocol").inputValue(), "http");
    assert.equal(await inspector.getByLabel("Preserve client IP addresses").count(), 0);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("a network load balancer dropped from the palette gets nodes in both zones and a TCP listener", async () => {
    const { page, context, errors } = await open();
    const inspector = inspectorOf(page);
    await partOn(page, "alb").waitFor();
    const palette = page.getByRole("region", { name: "Palette" });
    const button = palette.getByRole("button", { name: "Network load balancer", exact: true });
    // Right after the application load balancer, with its badge.
    const names = await palette.locator("button .part-name").allInnerTexts();
    assert.equal(names[names.indexOf("Application load balancer") + 1], "Network load balancer");
    assert.equal(await button.locator(".badge").innerText(), "NLB");
    await page.screenshot({ path: join(artifacts, "palette-nlb.png") });
    // Dragged onto the first subnet.
    const b = await button.boundingBox();
    const target = await partOn(page, "pub-a").boundingBox();
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width / 2 + 30, b.y + b.height / 2 + 10, { steps: 3 });
    await page.mouse.move(target.x + target.width / 2, target.y + target.height - 40, { steps: 8 });
    await page.mouse.up();
    await partOn(page, "nlb-1").waitFor();
    await selectPart(page, "nlb-1");
    await inspector.getByText("Network load balancer", { exact: true }).waitFor();
    assert.equal(await inspector.getByLabel("Type").inputValue(), "network");
    assert.equal(await inspector.getByLabel("Listener protocol").inputValue(), "tcp");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("in Korean: the load balancer's sections and a rule edited in place", async () => {
    const { page, context, errors } = await open("ko-KR");
    const inspector = page.getByRole("region", { name: "속성" });
    await partOn(page, "alb").waitFor();
    const box = await partOn(page, "alb").boundingBox();
    await page.mouse.click(box.x + 6, box.y + 6);
    await inspector.getByRole("heading", { name: "리스너" }).waitFor();
    await inspector.getByRole("button", { name: "리스너 추가" }).click();
    await inspector.getByText("정상 (포트 80)").waitFor();
    await page.screenshot({ path: join(artifacts, "lb-inspector-ko.png") });
    const web = await partOn(page, "web").boundingBox();
    await page.mouse.click(web.x + 6, web.y + 6);
    await inspector.getByRole("tab", { name: "보안 그룹" }).click();
    await inspector.getByRole("button", { name: /편집/ }).first().click();
    await inspector.getByRole("button", { name: "규칙 저장" }).waitFor();
    await page.screenshot({ path: join(artifacts, "sg-rule-edit-ko.png") });
    const edge = await inspector.evaluate((el) => el.getBoundingClientRect().right);
    const widest = await inspector.evaluate((el) =>
      Math.max(...[...el.querySelectorAll("table, form, input, select, button")].map((x) => x.getBoundingClientRect().right)));
    assert.ok(widest <= edge + 0.5, `Korean rules end at ${widest}, the inspector at ${edge}`);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
