// End-to-end tests of the learning loop (release build in dist/), in headless Chromium at
// 1280x800: the animation's controls work like a debugger's from any state (after the end,
// paused, playing; buttons and keys), each hop on the canvas is labelled with a tooltip, and
// nothing stale survives opening another scenario (verdict, flows, console, From/To).
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

const open = (scenario) => openPage(app, `/#${link(scenario)}`);

/** The 1-based number of the hop row marked current in the hop list, or 0. */
const currentHop = (page) =>
  page.locator(".hops tbody tr").evaluateAll((rows) => rows.findIndex((r) => r.classList.contains("current")) + 1);

describe("the learning loop", () => {
  test("debugger controls from any state, by button and key; labelled hops", async () => {
    const { page, context, errors } = await open(template("small-service"));
    const traffic = page.getByRole("region", { name: "Traffic" });
    await traffic.getByLabel("From", { exact: true }).selectOption("internet");
    await traffic.getByLabel("To", { exact: true }).selectOption("alb");
    await traffic.getByLabel("Protocol").selectOption("tcp");
    await traffic.getByLabel("Port", { exact: true }).fill("443");
    await traffic.getByRole("button", { name: "Send" }).click();
    await traffic.getByRole("status").getByText(/^Established/).waitFor();
    await page.locator("details.hops > summary").click();
    const hops = await page.locator(".hops tbody tr").count();
    // With the hop list and Who reaches whom open, the canvas keeps 55% of the window.
    await page.locator("details.reach > summary").click();
    for (const [width, height] of [[1280, 800], [1920, 1080]]) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(200);
      const canvas = await page.getByRole("application", { name: "Canvas" }).boundingBox();
      assert.ok(canvas.height >= 0.55 * height, `canvas ${canvas.height} px of ${height} at ${width}x${height}`);
    }
    await page.screenshot({ path: join(artifacts, "learning-layout-1920.png") });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.locator("details.reach > summary").click();
    assert.ok(hops >= 6, `a flow through the load balancer has many hops (${hops})`);

    // Every hop's dot has a tooltip, and the canvas labels them by kind.
    const tips = await page.locator(".packets .hop title").allTextContents();
    assert.equal(tips.length, hops);
    assert.ok(tips.some((t) => /alb-sg/.test(t)), tips.join("\n"));
    const labels = (await page.locator(".packets .hop-label").allTextContents()).join(" ");
    for (const code of ["SG", "NACL", "RT", "IGW"]) assert.match(labels, new RegExp(code), labels);

    // After the animation has ended, Step back goes to the hop before the last.
    const player = traffic.getByRole("group", { name: "Animation" });
    await page.waitForTimeout(hops * 600 + 800);
    await player.getByRole("button", { name: "Step back" }).click();
    assert.equal(await currentHop(page), hops - 1);
    await page.screenshot({ path: join(artifacts, "learning-step-back.png") });
    // Keys, with the focus outside any field: comma back, full stop forward, Home, End.
    await page.locator("body").click({ position: { x: 5, y: 790 } });
    await page.keyboard.press(",");
    assert.equal(await currentHop(page), hops - 2);
    await page.keyboard.press(".");
    assert.equal(await currentHop(page), hops - 1);
    await page.keyboard.press("Home");
    assert.equal(await currentHop(page), 0, "held at the source: no hop marked");
    await player.getByRole("button", { name: "Step forward" }).click();
    assert.equal(await currentHop(page), 1, "Step forward from the start is hop 1");
    await page.keyboard.press("End");
    assert.equal(await currentHop(page), hops);
    // Play from the end starts over; Pause holds it where it has got to, and Step back goes on
    // from there.
    await player.getByRole("button", { name: "Play", exact: true }).click();
    await page.waitForTimeout(5000);
    await page.keyboard.press("k");
    const held = await currentHop(page);
    assert.ok(held >= 1 && held < hops, `held at hop ${held} of ${hops} after 5 s`);
    await player.getByRole("button", { name: "Step back" }).click();
    assert.equal(await currentHop(page), held - 1);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("opening another scenario leaves nothing stale", async () => {
    const { page, context, errors } = await open(template("small-service"));
    const traffic = page.getByRole("region", { name: "Traffic" });
    const status = traffic.getByRole("status");
    await traffic.getByLabel("From", { exact: true }).selectOption("bastion");
    await traffic.getByLabel("To", { exact: true }).selectOption("mysql");
    await traffic.getByLabel("Port", { exact: true }).fill("22");
    await traffic.getByRole("button", { name: "Send" }).click();
    await status.getByText(/^Established/).waitFor();
    const consoleInput = traffic.getByLabel("Console", { exact: true });
    await consoleInput.fill("ping 10.0.12.10");
    await consoleInput.press("Enter");
    const log = traffic.getByRole("log", { name: "Console output" });
    await log.getByText(/ping/).first().waitFor();

    // Another template, from the gallery: no verdict about parts that are gone, no old console.
    await page.getByRole("button", { name: "Templates", exact: true }).click();
    const gallery = page.getByRole("dialog", { name: "Templates" });
    const card = gallery.getByRole("listitem").filter({ hasText: /hello-vpc|Public, private/ }).first();
    const name = await card.getByRole("heading").textContent();
    await card.getByRole("button", { name: `Open ${name}` }).click();
    const confirm = page.getByRole("dialog", { name: `Open “${name}”?` });
    await confirm.getByRole("button", { name: "Open the template" }).click();
    await gallery.waitFor({ state: "detached" });
    await page.waitForTimeout(300);
    const verdict = await status.innerText();
    assert.doesNotMatch(verdict, /Established|Dropped|no instance|--from|--to/, `stale verdict: ${verdict}`);
    assert.equal((await log.innerText()).includes("ping 10.0.12.10"), false, "the console starts over");
    assert.equal(await page.locator(".packets .flow").count(), 0, "no flow of the old network drawn");
    await page.screenshot({ path: join(artifacts, "learning-after-template.png") });

    // Undo brings the old network back, still with nothing stale; a flow sent from the console
    // sets From and To to its endpoints.
    await page.getByRole("button", { name: "Undo", exact: true }).click();
    await page.getByRole("application", { name: "Canvas" }).getByRole("button", { name: "nginx", exact: true }).waitFor();
    assert.doesNotMatch(await status.innerText(), /no instance|--from/);
    await traffic.getByLabel("From", { exact: true }).selectOption("bastion");
    await consoleInput.fill("telnet mysql 3306");
    await consoleInput.press("Enter");
    await status.getByText(/^(Established|Dropped|Refused)/).waitFor();
    assert.equal(await traffic.getByLabel("To", { exact: true }).inputValue(), "mysql");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("every template opens fully visible, clear of the zoom bar, as large as the room allows", async () => {
    const { page, context, errors } = await open(template("small-service"));
    const canvas = page.getByRole("application", { name: "Canvas" });
    const gallery = page.getByRole("dialog", { name: "Templates" });
    await page.getByRole("button", { name: "Templates", exact: true }).click();
    await gallery.getByRole("listitem").first().waitFor();
    const count = await gallery.getByRole("listitem").count();
    await page.keyboard.press("Escape");
    const sizes = [];
    for (let i = 0; i < count; i++) {
      await page.getByRole("button", { name: "Templates", exact: true }).click();
      const card = gallery.getByRole("listitem").nth(i);
      const name = await card.getByRole("heading").textContent();
      await card.getByRole("button", { name: `Open ${name}` }).click();
      const confirm = page.getByRole("dialog", { name: `Open “${name}”?` });
      if (await confirm.isVisible().catch(() => false) || await confirm.waitFor({ timeout: 1500 }).then(() => true, () => false)) {
        await confirm.getByRole("button", { name: "Open the template" }).click();
      }
      await gallery.waitFor({ state: "detached" });
      await page.waitForTimeout(250);
      const box = await canvas.boundingBox();
      const bar = await page.locator(".canvas-tools").boundingBox();
      const parts = await canvas.locator("g[data-id][role=button]").evaluateAll((els) =>
        els.map((e) => { const r = e.getBoundingClientRect(); return { id: e.dataset.id, x: r.x, y: r.y, w: r.width, h: r.height }; }));
      for (const p of parts) {
        assert.ok(p.x >= box.x - 0.5 && p.y >= box.y - 0.5 && p.x + p.w <= box.x + box.width + 0.5 && p.y + p.h <= box.y + box.height + 0.5,
          `${name}: ${p.id} is cut off`);
        const under = p.x < bar.x + bar.width && p.x + p.w > bar.x && p.y < bar.y + bar.height && p.y + p.h > bar.y;
        assert.ok(!under, `${name}: ${p.id} is under the zoom bar`);
      }
      const px = await canvas.locator(".cpart .title").first().evaluate((el) => el.getBoundingClientRect().height);
      sizes.push(`${name} ${px.toFixed(1)} px`);
      if (i === 0) await page.screenshot({ path: join(artifacts, "learning-template-fit.png") });
    }
    console.log(`templates opened at 1280x800, part title heights: ${sizes.join("; ")}`);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("a lesson asks before it replaces the work on the canvas", async () => {
    const { page, context, errors } = await open(template("small-service"));
    const canvas = page.getByRole("application", { name: "Canvas" });
    await page.getByRole("button", { name: "Lessons", exact: true }).click();
    const lessons = page.getByRole("dialog", { name: "Lessons" });
    await lessons.locator(".lesson-pick").first().click();
    const title = (await lessons.locator(".lesson-name").first().textContent()).replace(/^\d+\. /, "");
    const confirm = page.getByRole("dialog", { name: `Start “${title}”?` });
    await confirm.waitFor();
    assert.match(await confirm.innerText(), /Undo/);
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await confirm.waitFor({ state: "detached" });
    await canvas.getByRole("button", { name: "nginx", exact: true }).waitFor();
    await lessons.locator(".lesson-pick").first().click();
    await confirm.getByRole("button", { name: "Start the lesson" }).click();
    await page.getByRole("region", { name: "Lesson", exact: true }).waitFor();
    await canvas.getByRole("button", { name: "nginx", exact: true }).waitFor({ state: "detached" });
    await page.screenshot({ path: join(artifacts, "learning-lesson-started.png") });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("flows survive a reload with the autosave", async () => {
    const { page, context, errors } = await open(template("small-service"));
    const traffic = page.getByRole("region", { name: "Traffic" });
    const status = traffic.getByRole("status");
    const sendFlow = async (from, to, port) => {
      await traffic.getByLabel("From", { exact: true }).selectOption(from);
      await traffic.getByLabel("To", { exact: true }).selectOption(to);
      await traffic.getByLabel("Port", { exact: true }).fill(port);
      await traffic.getByRole("button", { name: "Send" }).click();
    };
    await sendFlow("internet", "alb", "80");
    await status.getByText(/^Established: Internet reached alb/).waitFor();
    await sendFlow("bastion", "mysql", "22");
    await status.getByText(/^Established/).waitFor();
    assert.equal(await page.locator(".packets .flow").count(), 2, "both flows drawn before the reload");
    await page.reload();
    await status.getByText(/^Established: bastion reached mysql on tcp\/22/).waitFor();
    assert.equal(await page.locator(".packets .flow").count(), 2, "both flows drawn again");
    assert.equal(await traffic.getByLabel("From", { exact: true }).inputValue(), "bastion");
    assert.equal(await traffic.getByLabel("To", { exact: true }).inputValue(), "mysql");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("Show the rule marks the implicit deny of a group no rule of which allowed the flow", async () => {
    const { page, context, errors } = await open(template("small-service"));
    const traffic = page.getByRole("region", { name: "Traffic" });
    await traffic.getByLabel("From", { exact: true }).selectOption("bastion");
    await traffic.getByLabel("To", { exact: true }).selectOption("nginx");
    await traffic.getByLabel("Port", { exact: true }).fill("5432");
    await traffic.getByRole("button", { name: "Send" }).click();
    await traffic.getByRole("status").getByText(/^Dropped: security group/).waitFor();
    await traffic.getByRole("button", { name: "Show the rule" }).click();
    const marked = page.getByRole("region", { name: "Inspector" }).locator("table.rules tr.focused");
    await marked.waitFor();
    assert.match(await marked.innerText(), /Anything no rule allows: denied/);
    await page.screenshot({ path: join(artifacts, "learning-implicit-deny.png") });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("who reaches whom: any port, and a cell opens its flow's trace", async () => {
    const { page, context, errors } = await open(template("small-service"));
    const traffic = page.getByRole("region", { name: "Traffic" });
    await page.locator("details.reach > summary").click();
    const matrix = traffic.getByRole("table", { name: /Who reaches whom/ });
    await matrix.waitFor();
    const port = traffic.getByLabel("Another port");
    await port.fill("80a");
    await traffic.getByRole("button", { name: "Add port" }).click();
    assert.equal(await port.getAttribute("aria-invalid"), "true");
    await port.fill("8080");
    await traffic.getByRole("button", { name: "Add port" }).click();
    await traffic.getByRole("button", { name: "8080", exact: true, pressed: true }).waitFor();
    const mark = matrix.getByRole("button", { name: /^alb → nginx 8080: established/ });
    await mark.waitFor();
    await mark.click();
    await traffic.getByRole("status").getByText(/^Established: alb reached nginx on tcp\/8080/).waitFor();
    assert.equal(await traffic.getByLabel("From", { exact: true }).inputValue(), "alb");
    assert.equal(await traffic.getByLabel("To", { exact: true }).inputValue(), "nginx");
    await page.screenshot({ path: join(artifacts, "learning-matrix-port.png") });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("a filter hop lists its rules in order, the match marked, the misses said why", async () => {
    const scenario = template("small-service");
    const rule = (number, action, ports, cidr) => ({ number, protocol: "tcp", ports, cidr, action });
    scenario.network_acls = [{
      id: "acl-public", name: "public-acl", vpc: "vpc", subnets: ["public-a"],
      inbound: [rule(100, "allow", "443", "0.0.0.0/0"), rule(110, "deny", "22", "198.51.100.0/24"),
        rule(120, "allow", "22", "0.0.0.0/0"), rule(130, "allow", "1024-65535", "0.0.0.0/0")],
      outbound: [{ number: 100, protocol: "all", cidr: "0.0.0.0/0", action: "allow" }],
    }];
    const { page, context, errors } = await open(scenario);
    // The laptop is a Windows client in the template; made a Linux one in the inspector, it picks
    // its source port from Linux's ephemeral range.
    await page.getByRole("application", { name: "Canvas" }).getByRole("button", { name: "My laptop", exact: true }).click();
    const os = page.getByRole("region", { name: "Inspector" }).getByLabel("Operating system");
    assert.equal(await os.inputValue(), "windows");
    await os.selectOption("linux");
    await page.screenshot({ path: join(artifacts, "learning-host-os.png") });
    const traffic = page.getByRole("region", { name: "Traffic" });
    await traffic.getByLabel("From", { exact: true }).selectOption("laptop");
    await traffic.getByLabel("To", { exact: true }).selectOption("bastion");
    await traffic.getByLabel("Port", { exact: true }).fill("22");
    await traffic.getByRole("button", { name: "Send" }).click();
    await traffic.getByRole("status").getByText(/^Established/).waitFor();
    await page.locator("details.hops > summary").click();
    const rows = page.locator(".hops-scroll > table > tbody > tr");
    const acl = rows.filter({ hasText: /public-acl/ }).first();
    await acl.getByRole("button", { name: /^Show hop/ }).click();
    const list = acl.getByRole("list", { name: "Inbound rules, in number order" });
    assert.deepEqual(
      (await list.getByRole("listitem").allInnerTexts()).map((t) => t.replace(/\s+/g, " ").trim()),
      [
        "100 allow tcp 443 0.0.0.0/0 ✗ did not match: port 22 ≠ 443",
        "110 deny tcp 22 198.51.100.0/24 ✗ did not match: 203.0.113.10 not in 198.51.100.0/24",
        "120 allow tcp 22 0.0.0.0/0 ✓ matched: allows",
        "130 allow tcp 1024-65535 0.0.0.0/0 – not checked: an earlier rule decided",
        "* deny all all 0.0.0.0/0 – not checked: an earlier rule decided",
      ],
    );
    assert.equal(await list.locator("li[aria-current=true]").innerText().then((t) => t.split(/\s/)[0]), "120");
    await page.screenshot({ path: join(artifacts, "learning-acl-rules.png") });
    // The reply's group hop names the tracked connection instead of rules.
    const reply = rows.filter({ hasText: /tracked connection/ }).first();
    await reply.getByRole("button", { name: /^Show hop/ }).click();
    await reply.getByText(/^Reply of the connection tcp 203\.0\.113\.10:32768-60999 → 10\.0\.0\.\d+:22/).waitFor();
    // In Korean too, from the engine.
    await page.getByLabel("Language").selectOption("ko");
    await acl.getByRole("button", { name: /홉/ }).click();
    await acl.getByText("일치하지 않음: 포트 22 ≠ 443").waitFor();
    await page.screenshot({ path: join(artifacts, "learning-acl-rules-ko.png") });
    assert.deepEqual(errors, []);
    await context.close();
  });
});
