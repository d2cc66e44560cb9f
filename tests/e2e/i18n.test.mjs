// End-to-end test of the Korean UI (release build in dist/), in headless Chromium: open a
// template by share link, switch the header's Language select to 한국어, open the traffic panel's
// sections, the inspector and the Templates gallery, and check that no visible text is left in
// English beyond product names, protocols, commands and the scenario's own names and addresses.
// The choice survives a reload and sets <html lang="ko">. Screenshots: /tmp/i18n-ko-*.png.
// A second test checks the engine's own messages in Korean: an edit the canvas refuses, a field
// the validator rejects, and a lesson objective that fails (screenshots in artifacts/).
//
// Run: node --test tests/e2e/i18n.test.mjs   (after `trunk build --release --offline`)

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { artifacts } from "./app.mjs";
import { launchChromium, link } from "./browser.mjs";
import { startServer } from "./serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..");
const dist = process.env.DIST_DIR ?? join(repo, "dist");

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

/** Every string value in the scenario (names, ids, addresses, rule descriptions). */
function scenarioWords(value, out = new Set()) {
  if (typeof value === "string") out.add(value);
  else if (Array.isArray(value)) value.forEach((v) => scenarioWords(v, out));
  else if (value && typeof value === "object") Object.values(value).forEach((v) => scenarioWords(v, out));
  return out;
}

/** Words that stay in Latin letters in Korean: products, protocols, commands, keys, badges. */
const ALLOWED = new Set(
  (
    "VPC EC2 RDS ALB NLB NAT IGW ACL TCP UDP ICMP SSH HTTP HTTPS MySQL PostgreSQL Redis memcached Memcached " +
    "ElastiCache CIDR telnet curl ping ssh English Playground AWS JSON SVG PNG HTML Ctrl Shift Esc " +
    "tcp udp icmp all local WWW Enter " +
    // AWS's abbreviations the canvas writes at the hops
    "NACL ENI ELB PCX VPCE TGW VGW DC VPN BGP " +
    // the Gateway Load Balancer endpoint's badge, and the short name of its palette entry
    "GWLBE GWLB " +
    // the egress-only internet gateway's badge, and IPv6 words (the family, its ICMP; the
    // check splits words at digits, so "IPv6" is read as "IPv")
    "EIGW IPv6 IPv4 ICMPv6 icmpv6 IPv ICMPv icmpv " +
    // products and container names in the templates' Korean descriptions
    "PostGIS API nginx Spring Aurora RabbitMQ webapp web admin unhealthy " +
    "React certbot Nuxt CloudFront " +
    // words of the posts' titles the templates' Korean descriptions quote
    "Cloud Monolithic MSA hello vpc " +
    // terms the Korean lesson texts give in English after the Korean word, and OS names
    "stateful stateless ephemeral Windows Linux macOS"
  ).split(" "),
);

/** The visible text nodes of the page with a run of 3+ Latin letters that is not allowed. */
async function englishLeft(page, names) {
  const texts = await page.evaluate(() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent.trim();
      const el = n.parentElement;
      if (!text || !el || el.closest("script, style, [hidden], [aria-hidden=true] svg.logo")) continue;
      const visible = el.tagName === "OPTION" ? el.closest("select").checkVisibility() : el.checkVisibility();
      if (visible) out.push(text);
    }
    return out;
  });
  const sorted = [...names].sort((a, b) => b.length - a.length);
  const left = [];
  for (const text of texts) {
    // A name the zoomed-out canvas cut short ("coupon-con…") is still a name.
    if (text.endsWith("…") && sorted.some((name) => name.startsWith(text.slice(0, -1)))) continue;
    let rest = text;
    for (const name of sorted) rest = rest.split(name).join(" ");
    rest = rest
      .replace(/\b[a-z]{2}-[a-z]+-\d[a-z]?\b/g, " ") // availability zones
      .replace(/\b\d+(\.\d+){3}(\/\d+)?\b/g, " "); // addresses and CIDRs
    const bad = (rest.replace(/IPv4/g, " ").match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !ALLOWED.has(w));
    if (bad.length) left.push(`${JSON.stringify(text)} (${bad.join(", ")})`);
  }
  return left;
}

describe("Korean UI", () => {
  test("switches to 한국어, leaves no English in the page, and remembers the choice", async () => {
    const scenario = JSON.parse(readFileSync(join(repo, "src/templates/public-private-db.json"), "utf8"));
    const names = scenarioWords(scenario);
    names.add("default"); // the name the engine gives the VPC's default network ACL
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-US" });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (err) => errors.push(String(err)));
    await page.goto(new URL(`/#${link(scenario)}`, server.url).href);
    await page.getByRole("application", { name: "Canvas" }).waitFor();
    assert.equal(await page.locator("html").getAttribute("lang"), "en");

    await page.getByLabel("Language").selectOption("ko");
    await page.getByRole("application", { name: "캔버스" }).waitFor();
    assert.equal(await page.locator("html").getAttribute("lang"), "ko");

    // The traffic panel's sections: the reachability matrix (computed when opened).
    await page.locator("details.reach > summary").click();
    await page.locator("table.matrix").waitFor();
    await page.screenshot({ path: "/tmp/i18n-ko-main.png" });
    let left = await englishLeft(page, names);
    assert.deepEqual(left, [], `English left on the main screen:\n${left.join("\n")}`);

    await page.locator("details.reach > summary").click();

    // The inspector: a subnet (details, route table, network ACL) and an instance (security groups).
    const select = async (id) => {
      const box = await page.locator(`[data-id="${id}"]`).boundingBox();
      // A container by its top-left corner; a node by its icon (its label may be wider).
      const node = box.width < 150;
      await page.mouse.click(node ? box.x + box.width / 2 : box.x + 6, box.y + (node ? 10 : 6));
      await page.locator(".inspector .part-title").waitFor();
    };
    await select("public");
    for (const tab of ["세부 정보", "라우팅 테이블", "네트워크 ACL"]) {
      await page.getByRole("tab", { name: tab }).click();
      left = await englishLeft(page, names);
      assert.deepEqual(left, [], `English left in the subnet's ${tab} tab:\n${left.join("\n")}`);
    }
    await page.locator(".inspector table.rules").first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: "/tmp/i18n-ko-inspector-acl.png" });
    await select("api-1");
    await page.getByRole("tab", { name: "보안 그룹" }).click();
    await page.locator(".inspector table.rules").first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: "/tmp/i18n-ko-inspector.png" });
    left = await englishLeft(page, names);
    assert.deepEqual(left, [], `English left in the inspector:\n${left.join("\n")}`);

    // A flow: the verdict and every hop in Korean, from the engine.
    await page.locator("#traffic-from").selectOption("stranger");
    await page.locator("#traffic-to").selectOption("api-1");
    await page.locator("#traffic-port").fill("22");
    await page.locator(".traffic-form button[type=submit]").click();
    const verdict = page.locator(".traffic [role=status]");
    await verdict.getByText(/^차단됨: 보안 그룹 /).waitFor();
    await page.locator("details.hops > summary").click();
    left = await englishLeft(page, names);
    assert.deepEqual(left, [], `English left in the verdict or the hops:\n${left.join("\n")}`);
    await page.screenshot({ path: "/tmp/i18n-ko-verdict.png" });

    // The Templates gallery (names and descriptions from templates::i18n).
    await page.getByRole("button", { name: "템플릿" }).click();
    await page.locator("#templates-dialog .template-card").nth(5).waitFor();
    await page.screenshot({ path: "/tmp/i18n-ko-gallery.png" });
    left = await englishLeft(page, names);
    assert.deepEqual(left, [], `English left in the gallery:\n${left.join("\n")}`);
    assert.match(await page.locator("#templates-dialog").innerText(), /퍼블릭·프라이빗·DB 서브넷/);
    await page.keyboard.press("Escape");

    // Lesson mode: the gallery, then a lesson in progress with its checklist.
    await page.getByRole("button", { name: "실습", exact: true }).click();
    await page.locator(".lesson-list .lesson-pick").first().waitFor();
    // Part names of every built-in lesson's network may appear in the lesson texts.
    const lessonDir = join(repo, "src/lesson/builtin");
    const lessonNames = new Set(names);
    for (const file of readdirSync(lessonDir)) {
      scenarioWords(JSON.parse(readFileSync(join(lessonDir, file), "utf8")).scenario, lessonNames);
    }
    left = await englishLeft(page, lessonNames);
    assert.deepEqual(left, [], `English left in the lessons dialog:\n${left.join("\n")}`);
    await page.locator(".lesson-pick").nth(4).click();
    // The template on the canvas is replaced only once confirmed, in Korean too.
    await page.getByRole("button", { name: "실습 시작" }).click();
    await page.getByRole("region", { name: "실습" }).waitFor();
    left = await englishLeft(page, lessonNames);
    await page.screenshot({ path: "/tmp/i18n-ko-lesson.png" });
    assert.deepEqual(left, [], `English left in lesson mode:\n${left.join("\n")}`);

    // Remembered after a reload (the browser itself says English).
    await page.reload();
    await page.getByRole("application", { name: "캔버스" }).waitFor();
    assert.equal(await page.locator("html").getAttribute("lang"), "ko");
    assert.equal(await page.getByLabel("언어").inputValue(), "ko");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("says why an edit is refused, a field is invalid or an objective fails, in Korean", async () => {
    const scenario = JSON.parse(readFileSync(join(repo, "src/templates/public-private-db.json"), "utf8"));
    const names = scenarioWords(scenario);
    names.add("default");
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-US" });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (err) => errors.push(String(err)));
    await page.goto(new URL(`/#${link(scenario)}`, server.url).href);
    await page.getByRole("application", { name: "Canvas" }).waitFor();
    await page.getByLabel("Language").selectOption("ko");
    await page.getByRole("application", { name: "캔버스" }).waitFor();
    const shot = (name) => page.screenshot({ path: join(artifacts, `i18n-ko-${name}.png`) });

    // (1) An edit the canvas refuses: a second internet gateway for the VPC.
    await page.getByRole("region", { name: "팔레트" })
      .getByRole("button", { name: "인터넷 게이트웨이", exact: true }).click();
    const status = page.locator(".canvas-status");
    await status.getByText(/이미 인터넷 게이트웨이/).waitFor();
    await shot("refusal");
    let left = await englishLeft(page, names);
    assert.deepEqual(left, [], `English left after a refused edit:\n${left.join("\n")}`);

    // (2) A field the validator rejects: the public subnet given the private subnet's block.
    const box = await page.locator('[data-id="public"]').boundingBox();
    await page.mouse.click(box.x + 6, box.y + 6);
    await page.locator(".inspector .part-title").waitFor();
    await page.getByRole("tab", { name: "세부 정보" }).click();
    const cidr = page.locator("#subnet-cidr");
    await cidr.fill("10.0.1.0/24");
    const message = page.locator("#subnet-cidr-msg .error-msg");
    await message.first().waitFor();
    assert.equal(await cidr.getAttribute("aria-invalid"), "true");
    assert.match(await message.first().innerText(), /10\.0\.1\.0\/24.*겹칩니다/);
    await shot("validation");
    left = await englishLeft(page, names);
    assert.deepEqual(left, [], `English left under an invalid field:\n${left.join("\n")}`);
    // Applying it anyway (Enter) is refused on the status line, in Korean too.
    await cidr.press("Enter");
    left = await englishLeft(page, names);
    assert.deepEqual(left, [], `English left after applying an invalid field:\n${left.join("\n")}`);
    await page.keyboard.press("Escape");

    // (3) A lesson whose objectives and constraint fail: the bastion lesson starts with SSH open
    // to the whole internet. Its flow from the internet to the bastion, sent in the traffic panel,
    // goes through where the objective wants it blocked.
    const lesson = JSON.parse(readFileSync(join(repo, "src/lesson/builtin/bastion.json"), "utf8"));
    const lessonNames = scenarioWords(lesson.scenario, new Set(names));
    await page.getByRole("button", { name: "실습", exact: true }).click();
    await page.locator(".lesson-list").waitFor();
    await page.locator(".lesson-pick").nth(2).click();
    await page.getByRole("button", { name: "실습 시작" }).click();
    const panel = page.getByRole("region", { name: "실습" });
    await panel.waitFor();
    await page.locator("#traffic-from").selectOption("internet");
    await page.locator("#traffic-to").selectOption("bastion");
    await page.locator("#traffic-port").fill("22");
    await page.locator(".traffic-form button[type=submit]").click();
    await page.locator(".traffic [role=status]").getByText(/^연결 성공/).waitFor();
    const failed = panel.locator("li.bad small");
    assert.ok((await failed.count()) >= 2, "the objective and the constraint do not fail");
    for (const reason of await failed.allInnerTexts()) assert.match(reason, /[\uAC00-\uD7A3]/);
    // The constraint's reason, English only before, names the open rule in Korean.
    const open = panel.getByText(/tcp\/22이\(가\) 열려 있음/);
    await open.waitFor();
    await open.scrollIntoViewIfNeeded();
    await shot("lesson-failed");
    left = await englishLeft(page, lessonNames);
    assert.deepEqual(left, [], `English left with a failed objective:\n${left.join("\n")}`);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
