// End-to-end tests of sharing on the release build (dist/), served under the /playground/
// sub-path: the template gallery, share links (through the clipboard and the Share dialog)
// opened in a fresh browser, asking before a link replaces other work, the embedded view inside
// a blog post, importing AWS describe output through the Files dialog, and bad links.
//
// Prints the link length of every template. Screenshots go to tests/e2e/artifacts/.
//
// Run: node --test tests/e2e/share.test.mjs   (after `trunk build --release --offline`)

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateRawSync } from "node:zlib";
import { launchChromium } from "./browser.mjs";
import { startServer } from "./serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..");
const dist = process.env.DIST_DIR ?? join(repo, "dist");
const artifacts = join(here, "artifacts");
// Every built-in template: one JSON file each in src/templates/.
const TEMPLATES = readdirSync(join(repo, "src", "templates")).filter((f) => f.endsWith(".json")).length;

let server;
let browser;
let app;

before(async () => {
  assert.ok(existsSync(join(dist, "index.html")), `no release build in ${dist}`);
  mkdirSync(artifacts, { recursive: true });
  server = await startServer({ root: dist });
  app = server.url + "playground/";
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh browser context (its own storage) that may use the clipboard, and a 1280x800 page. */
async function fresh(viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (err) => errors.push(String(err)));
  return { context, page, errors };
}

const canvasOf = (page) => page.getByRole("application", { name: "Canvas" });

/** The sorted ids of the parts on the canvas. */
async function partIds(page) {
  await canvasOf(page).waitFor();
  const ids = await page.locator("#canvas [data-id]").evaluateAll((els) =>
    els.map((e) => e.getAttribute("data-id")));
  return ids.sort();
}

/** Chooses the option of `select` whose text starts with `name`. */
async function pickByName(select, name) {
  const value = await select.evaluate((el, name) => [...el.options].find((o) => o.textContent.startsWith(name))?.value, name);
  await select.selectOption(value);
}

/** The Embed dialog's snippet for the template in src/templates/`file`.json, as it opens. */
async function embedCode(file) {
  const scenario = JSON.parse(readFileSync(join(repo, `src/templates/${file}.json`), "utf8"));
  const { context, page } = await fresh();
  await page.goto(app + "#s=1." + deflateRawSync(Buffer.from(JSON.stringify(scenario))).toString("base64url"));
  await ready(page);
  await page.getByRole("button", { name: "Embed", exact: true }).click();
  const code = await filled(page.getByRole("dialog", { name: "Embed in a web page" }).getByLabel("Embed code"));
  await context.close();
  return code;
}

/** A blog post with `code` pasted in, its frame `width` x `height` (the snippet's own width is
 * the post's column), in a browser whose colour scheme is `scheme`; `window.heights` collects
 * the heights the frame reports. */
async function hostPage(code, width, height, scheme) {
  const { context, page, errors } = await fresh({ width: Math.max(width + 60, 480), height: height + 320 });
  await page.emulateMedia({ colorScheme: scheme });
  await page.addInitScript(() => {
    window.heights = [];
    window.addEventListener("message", (e) => e.data?.type === "vpcplay:height" && window.heights.push(e.data.height));
  });
  const sized = code.replace(/width="100%" height="\d+"/, `width="${width}" height="${height}"`);
  assert.notEqual(sized, code, "the snippet has a width and a height");
  await page.goto(server.url + "blog/post.html?embed=" + encodeURIComponent(sized));
  const frame = page.frameLocator('iframe[title="VPC Playground"]');
  await frame.getByRole("application", { name: "Canvas" }).waitFor();
  return { context, page, frame, errors };
}

/** How tall node `name`'s name is on screen in `frame` (CSS px), and whether it is inside the
 * canvas. */
function nameOnScreen(frame, name) {
  return frame.evaluate((name) => {
    const t = [...document.querySelectorAll("#canvas .cnode .title")].find((e) => name.startsWith(e.textContent.replace("…", "")));
    const r = t.getBoundingClientRect();
    const c = document.querySelector(".canvas-wrap").getBoundingClientRect();
    return { px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a, inside: r.top >= c.top && r.bottom <= c.bottom && r.left >= c.left && r.right <= c.right };
  }, name);
}

/** Waits for the app's header. */
async function ready(page) {
  await page.getByRole("button", { name: "Share", exact: true }).waitFor();
}

/** The scenario JSON, through Files › Export JSON. */
async function exported(page) {
  await page.getByRole("button", { name: "Files", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Files" });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    dialog.getByRole("button", { name: "Export JSON" }).click(),
  ]);
  const text = readFileSync(await download.path(), "utf8");
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  return JSON.parse(text);
}

/** The value of a link field once the helper worker has packed the scenario into it. */
async function filled(field) {
  await field.page().waitForFunction((el) => el.value !== "", await field.elementHandle());
  return field.inputValue();
}

/** Opens template number `i` from the gallery (confirming the replacement when asked). */
async function openTemplate(page, i, { shot } = {}) {
  await page.getByRole("button", { name: "Templates", exact: true }).click();
  const gallery = page.getByRole("dialog", { name: "Templates" });
  await gallery.waitFor();
  const cards = gallery.getByRole("listitem");
  // The templates are fetched when the gallery opens.
  await cards.nth(TEMPLATES - 1).waitFor();
  assert.equal(await cards.count(), TEMPLATES);
  if (shot) await page.screenshot({ path: join(artifacts, shot) });
  const card = cards.nth(i);
  const name = await card.getByRole("heading").textContent();
  await card.getByRole("button", { name: `Open ${name}` }).click();
  const confirm = page.getByRole("dialog", { name: `Open “${name}”?` });
  const asked = await Promise.race([
    confirm.waitFor().then(() => true),
    gallery.waitFor({ state: "detached" }).then(() => false),
  ]);
  if (asked) await confirm.getByRole("button", { name: "Open the template" }).click();
  await gallery.waitFor({ state: "detached" });
  return name;
}

/** Presses Share and returns the link, checking the clipboard holds the same. */
async function share(page, { shot } = {}) {
  await page.getByRole("button", { name: "Share", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Share this scenario" });
  await dialog.getByText("Link copied to the clipboard.").waitFor();
  const link = await filled(dialog.getByLabel("Link", { exact: true }));
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(clip, link, "the clipboard holds the link");
  await page.getByRole("status").getByText(/Link copied/).first().waitFor();
  if (shot) await page.screenshot({ path: join(artifacts, shot) });
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  return link;
}

describe("sharing", () => {
  test("every template opens from the gallery and its share link opens the same scenario elsewhere", async () => {
    const { context, page, errors } = await fresh();
    await page.goto(app);
    await ready(page);
    const lengths = [];
    for (let i = 0; i < TEMPLATES; i++) {
      const name = await openTemplate(page, i, { shot: i === 0 ? "share-gallery.png" : undefined });
      const ids = await partIds(page);
      assert.ok(ids.length > 3, `${name}: parts on the canvas`);
      const json = await exported(page);
      const link = await share(page, { shot: i === 1 ? "share-dialog.png" : undefined });
      assert.ok(link.startsWith(app + "#s=2."), link.slice(0, 80));
      lengths.push(`${name}: ${link.length - app.length - 1} characters`);
      assert.ok(link.length - app.length < 1500, `${name}: ${link.length}`);

      const other = await fresh();
      await other.page.goto(link);
      await ready(other.page);
      assert.deepEqual(await partIds(other.page), ids, `${name}: same parts`);
      assert.deepEqual(await exported(other.page), json, `${name}: same scenario`);
      assert.equal(await other.page.getByRole("dialog").count(), 0, "nothing to ask");
      assert.equal(new URL(other.page.url()).hash, "", "the fragment is dropped once opened");
      assert.deepEqual(other.errors, []);
      await other.context.close();
    }
    console.log("Share link lengths (fragment):\n  " + lengths.join("\n  "));
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("a link asks before replacing different work, which can be restored", async () => {
    const { context, page } = await fresh();
    await page.goto(app);
    await ready(page);
    const first = await openTemplate(page, 0);
    const mine = await partIds(page);
    await openTemplate(page, 1);
    const link = await share(page);
    await openTemplate(page, 0);
    await page.close();

    const next = await context.newPage();
    await next.goto(link);
    const ask = next.getByRole("dialog", { name: "Open the shared scenario?" });
    await ask.waitFor();
    await ask.getByText(/Your current work .* is kept as an autosave backup/).waitFor();
    await next.screenshot({ path: join(artifacts, "share-ask.png") });
    assert.deepEqual(await partIds(next), mine, "still my work while asking");
    await ask.getByRole("button", { name: "Open the shared scenario" }).click();
    const theirs = await partIds(next);
    assert.notDeepEqual(theirs, mine);

    await next.getByRole("button", { name: "Files", exact: true }).click();
    const files = next.getByRole("dialog", { name: "Files" });
    await files.getByText(new RegExp(`Kept when something replaced it: “${first}”`)).waitFor();
    await files.getByRole("button", { name: "Restore previous work" }).click();
    assert.deepEqual(await partIds(next), mine, "restored");

    // "Keep my work" keeps it.
    const again = await context.newPage();
    await again.goto(link);
    const ask2 = again.getByRole("dialog", { name: "Open the shared scenario?" });
    await ask2.getByRole("button", { name: "Keep my work" }).click();
    assert.deepEqual(await partIds(again), mine);
    await context.close();
  });

  test("the embed code shows a read-only view inside a blog post on another path", async () => {
    const { context, page } = await fresh();
    await page.goto(app);
    await ready(page);
    await openTemplate(page, 2);
    const ids = await partIds(page);
    await page.getByRole("button", { name: "Embed", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Embed in a web page" });
    const code = await filled(dialog.getByLabel("Embed code"));
    await page.screenshot({ path: join(artifacts, "share-embed-dialog.png") });
    await dialog.getByRole("button", { name: "Copy", exact: true }).click();
    await dialog.getByText("Embed code copied to the clipboard.").waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
    const [, height] = code.match(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/playground\/#s=2\.[\w-]+&amp;embed=1" width="100%" height="(\d+)" style="border:0" loading="lazy" title="VPC Playground"><\/iframe>$/) ?? [];
    // The frame's height starts at the one suggested for this scenario.
    const suggested = (await dialog.getByText(/^suggested: \d+$/).innerText()).match(/\d+/)[0];
    assert.equal(height, suggested, code.slice(-120));
    // Options go into the link and the snippet: the canvas alone, in Korean, 420 px tall.
    await dialog.getByLabel("Shows").selectOption("canvas");
    await dialog.getByLabel("Language", { exact: true }).selectOption("ko");
    await dialog.getByLabel("Theme").selectOption("dark");
    await dialog.getByLabel("Height (px)").fill("420");
    await dialog.getByLabel("Height (px)").press("Tab");
    const chosen = await filled(dialog.getByLabel("Embed code"));
    assert.match(chosen, /&amp;embed=1&amp;lang=ko&amp;view=canvas&amp;theme=dark" width="100%" height="420"/);
    const preview = page.frameLocator("iframe.embed-preview");
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(artifacts, "share-embed-options.png") });
    await preview.getByRole("application", { name: "캔버스" }).waitFor();
    assert.equal(await preview.getByRole("region", { name: "트래픽" }).count(), 0, "the canvas only");
    // Dark, though the page around it is light.
    const bg = await preview.locator("body").evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.equal(bg, "rgb(14, 17, 22)");
    assert.equal(await page.locator("body").evaluate((b) => getComputedStyle(b).backgroundColor), "rgb(244, 245, 247)");
    await page.screenshot({ path: join(artifacts, "share-embed-options.png") });
    await context.close();

    const reader = await fresh();
    await reader.page.goto(server.url + "blog/post.html?embed=" + encodeURIComponent(code));
    const frame = reader.page.frameLocator('iframe[title="VPC Playground"]');
    await frame.getByRole("application", { name: "Canvas" }).waitFor();
    await frame.getByRole("region", { name: "Traffic" }).waitFor();
    assert.equal(await frame.getByRole("region", { name: "Palette" }).count(), 0, "no palette");
    assert.equal(await frame.getByRole("region", { name: "Inspector" }).count(), 0, "no inspector");
    const embedded = await frame.locator("#canvas [data-id]").evaluateAll((els) =>
      els.map((e) => e.getAttribute("data-id")));
    assert.deepEqual(embedded.sort(), ids);
    const open = frame.getByRole("link", { name: /Open in playground/ });
    const href = await open.getAttribute("href");
    assert.ok(href.startsWith(server.url + "playground/#s=2."), href.slice(0, 60));
    assert.ok(!href.includes("embed=1"));
    assert.equal(await open.getAttribute("target"), "_blank");
    // Dragging a part does not move it.
    const part = frame.locator("#canvas [data-id]").last();
    const before = await part.boundingBox();
    const box = await frame.locator("#canvas").boundingBox();
    await reader.page.mouse.move(before.x + 10, before.y + 10);
    await reader.page.mouse.down();
    await reader.page.mouse.move(before.x + 90, before.y + 60, { steps: 5 });
    await reader.page.mouse.up();
    assert.ok(box.width > 300);
    const stored = await reader.page.evaluate(() => localStorage.length);
    assert.equal(stored, 0, "the blog page's storage is untouched");
    await reader.page.screenshot({ path: join(artifacts, "share-embed-in-post.png"), fullPage: true });
    // "Open in playground" opens an editable copy in a new tab.
    const [tab] = await Promise.all([reader.context.waitForEvent("page"), open.click()]);
    await tab.getByRole("region", { name: "Palette" }).waitFor();
    assert.deepEqual(await partIds(tab), ids);
    await reader.context.close();

    const small = await fresh({ width: 720, height: 480 });
    const src = code.match(/src="([^"]+)"/)[1].replaceAll("&amp;", "&");
    await small.page.goto(src);
    await small.page.getByRole("region", { name: "Traffic" }).waitFor();
    await small.page.waitForTimeout(300);
    await small.page.screenshot({ path: join(artifacts, "share-embed-720x480.png") });
    await small.context.close();
  });

  test("an embed pasted into a page fits 700x450, 600x400 and 390x700 frames, light and dark: the diagram, the form and the verdict in view", async () => {
    const code = await embedCode("small-service");
    for (const scheme of ["light", "dark"]) {
      for (const [width, height] of [[700, 450], [600, 400], [390, 700]]) {
        const where = `${width}x${height} ${scheme}`;
        const { context, page, frame, errors } = await hostPage(code, width, height, scheme);
        const traffic = frame.getByRole("region", { name: "Traffic" });
        await traffic.waitFor();
        await page.waitForTimeout(500);
        const f = page.frames().find((x) => x !== page.mainFrame());
        // Nothing is left blank under the panel, and the canvas keeps the larger share.
        const [shell, canvas, panel] = await f.evaluate(() =>
          [".embed-shell", ".canvas-wrap", ".embed-workspace > .traffic"].map((s) => {
            const r = document.querySelector(s).getBoundingClientRect();
            return { top: r.top, bottom: r.bottom, height: r.height };
          }));
        assert.ok(Math.abs(panel.bottom - shell.bottom) <= 1, `${where}: ${shell.bottom - panel.bottom} px blank under the panel`);
        assert.ok(canvas.height >= 0.45 * height, `${where}: canvas ${canvas.height} px`);
        // Every part of the diagram is on screen, and the frame does not scroll.
        const allShown = async (when) => {
          const c = await f.evaluate(() => document.querySelector(".canvas-wrap").getBoundingClientRect().toJSON());
          const parts = await f.locator(".cpart").evaluateAll((ps) => ps.map((p) => p.getBoundingClientRect()).map((r) => [r.top, r.bottom, r.left, r.right]));
          for (const [top, bottom, left, right] of parts) {
            assert.ok(top >= c.top - 1 && bottom <= c.bottom + 1 && left >= -1 && right <= width + 1, `${where}: a part is cut off ${when}`);
          }
          const scroll = await f.evaluate(() => document.scrollingElement.scrollHeight - innerHeight);
          assert.ok(scroll <= 0, `${where}: the frame scrolls by ${scroll} px ${when}`);
        };
        await allShown("at start");
        // Send is in view and works; the verdict is in view and names From and To.
        await traffic.getByLabel("From", { exact: true }).selectOption("bastion");
        await traffic.getByLabel("To", { exact: true }).selectOption("nginx");
        await traffic.getByLabel("Port", { exact: true }).fill("22");
        const send = traffic.getByRole("button", { name: "Send", exact: true });
        const sendBox = await f.evaluate(() => [...document.querySelectorAll(".traffic button")].find((b) => b.textContent === "Send").getBoundingClientRect().toJSON());
        assert.ok(sendBox.bottom <= height, `${where}: Send is below the frame`);
        await send.click();
        const verdict = traffic.getByRole("status").filter({ hasText: /Established|Dropped|Refused/ });
        await verdict.waitFor();
        const v = await verdict.evaluate((e) => e.getBoundingClientRect().toJSON());
        assert.ok(v.top >= 0 && v.bottom <= height + 1, `${where}: the verdict is out of view`);
        assert.match(await verdict.innerText(), /bastion.*nginx/s);
        await page.waitForTimeout(500);
        // After Send, the whole diagram when its names are readable, else the flow's path: its
        // ends in view, named at 10 px or more.
        const ends = await Promise.all(["bastion", "nginx"].map((n) => nameOnScreen(f, n)));
        if (!ends.every((e) => e.px >= 10 && e.inside)) {
          await allShown("after Send");
          const px = await f.evaluate(() => Math.min(...[...document.querySelectorAll("#canvas .cnode .title")].map((t) => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)));
          assert.ok(px >= 10, `${where}: the whole diagram is shown with ${px.toFixed(1)} px names`);
        }
        await (await page.$("iframe")).screenshot({ path: join(artifacts, `embed-${width}x${height}-${scheme}.png`) });
        assert.deepEqual(errors, []);
        await context.close();
      }
    }
  });

  test("embed options: the flow shown first, a drawing too large to read shows its path, the zoom, one flow playing, and the host page's messages", async () => {
    const template = JSON.parse(readFileSync(join(repo, "src/templates/refactored-web.json"), "utf8"));
    const { context, page } = await fresh();
    await page.goto(app + "#s=1." + deflateRawSync(Buffer.from(JSON.stringify(template))).toString("base64url"));
    const traffic = page.getByRole("region", { name: "Traffic" });
    await traffic.waitFor();
    for (const [from, to, port] of [["webapp", "aurora-writer", "3306"], ["admin", "api", "8080"]]) {
      await pickByName(traffic.getByLabel("From", { exact: true }), from);
      await pickByName(traffic.getByLabel("To", { exact: true }), to);
      await traffic.getByLabel("Port", { exact: true }).fill(port);
      await traffic.getByRole("button", { name: "Send", exact: true }).click();
    }
    await page.getByRole("button", { name: "Embed", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Embed in a web page" });
    const flow = dialog.getByLabel("Flow shown first");
    // The flows in the order sent; the last one sent is shown first unless another is chosen.
    assert.deepEqual(await flow.locator("option").allInnerTexts(), ["1. webapp → aurora-writer tcp/3306", "2. admin → api tcp/8080"]);
    assert.equal(await flow.inputValue(), "2");
    await flow.selectOption("1");
    const code = await filled(dialog.getByLabel("Embed code"));
    assert.match(code, /&amp;f=[^&]+&amp;embed=1&amp;flow=1"/);
    await page.screenshot({ path: join(artifacts, "share-embed-flow-options.png") });

    // Flow 1 is current; at 700x450 the whole drawing's names would be under 10 px, so the
    // view shows the path of the flow, its ends named at a readable size.
    const host = await hostPage(code, 700, 450, "light");
    const frame = host.frame;
    const verdict = frame.getByRole("status").filter({ hasText: /Established|Dropped/ });
    await verdict.waitFor();
    assert.match(await verdict.innerText(), /webapp.*aurora-writer/s);
    await host.page.waitForTimeout(700);
    const f = host.page.frames().find((x) => x !== host.page.mainFrame());
    for (const name of ["webapp", "aurora-writer"]) {
      const { px, inside } = await nameOnScreen(f, name);
      assert.ok(px >= 10 && inside, `${name}: ${px.toFixed(1)} px, in view ${inside}`);
    }
    await (await host.page.$("iframe")).screenshot({ path: join(artifacts, "embed-path-700x450.png") });
    // The frame told the page how tall its content is; the page asks for flow 2.
    const heights = await host.page.evaluate(() => window.heights);
    assert.ok(heights.length >= 1 && heights.every((h) => h > 450 && h < 2000), `heights ${heights}`);
    await host.page.evaluate(() => document.querySelector("iframe").contentWindow.postMessage({ type: "vpcplay:show-flow", flow: 2 }, "*"));
    await frame.getByRole("status").filter({ hasText: /tcp\/8080/ }).waitFor();
    // A flow that is not in the link, and other messages, change nothing.
    await host.page.evaluate(() => {
      const w = document.querySelector("iframe").contentWindow;
      w.postMessage({ type: "vpcplay:show-flow", flow: 9 }, "*");
      w.postMessage("hello", "*");
    });
    await host.page.waitForTimeout(200);
    assert.match(await frame.getByRole("status").filter({ hasText: /Established|Dropped/ }).innerText(), /tcp\/8080/);
    assert.deepEqual(host.errors, []);
    await host.context.close();

    // The canvas playing flow 1 at 100%: the link carries that flow only, and it plays again
    // after it ends.
    await dialog.getByLabel("Shows").selectOption("play");
    await dialog.getByLabel("Zoom").selectOption("100");
    const played = await filled(dialog.getByLabel("Embed code"));
    assert.match(played, /&amp;f=webapp~aurora-writer~tcp~3306&amp;embed=1&amp;view=play&amp;zoom=100"/);
    await context.close();
    const player = await hostPage(played, 700, 450, "dark");
    await player.frame.getByRole("application", { name: "Canvas" }).waitFor();
    const pf = player.page.frames().find((x) => x !== player.page.mainFrame());
    await pf.locator(".packets .flow").first().waitFor({ state: "attached" });
    assert.equal(await player.frame.getByRole("region", { name: "Traffic" }).count(), 0);
    await player.frame.locator(".canvas-tools").getByText("100%").waitFor();
    await pf.evaluate(() => { document.querySelector(".packets").dataset.first = "yes"; });
    await player.page.waitForFunction(() => {
      const p = document.querySelector("iframe").contentDocument.querySelector(".packets");
      return p && p.dataset.first === undefined;
    }, null, { timeout: 15000 });
    await (await player.page.$("iframe")).screenshot({ path: join(artifacts, "embed-play-700x450.png") });
    assert.deepEqual(player.errors, []);
    await player.context.close();
  });

  test("AWS describe output imports through the Files dialog and a flow traces", async () => {
    const { context, page, errors } = await fresh();
    const fetched = [];
    page.on("request", (r) => fetched.push(new URL(r.url()).pathname.split("/").pop()));
    await page.goto(app);
    await ready(page);
    // The importer is a worker of its own, loaded when the Files dialog opens, not at start; nor
    // are the lessons, the templates or (on the English page) the Korean texts.
    const early = fetched.filter((f) => f.startsWith("vpcplay-import") || f.endsWith(".json"));
    assert.deepEqual(early, [], fetched.join(" "));
    const dir = join(repo, "tests", "aws-cases", "reference", "two-tier-nat");
    const files = readdirSync(dir).filter((f) => f.endsWith(".json")).map((f) => join(dir, f));
    await page.getByRole("button", { name: "Files", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Files" });
    for (let i = 0; i < 100 && !fetched.includes("vpcplay-import_bg.wasm"); i++) await page.waitForTimeout(50);
    assert.ok(fetched.includes("vpcplay-import_loader.js"), fetched.join(" "));
    // A paste that is not JSON is refused in words, and nothing changes.
    const before = await partIds(page);
    await dialog.getByLabel(/Or paste the output/).fill('{"Vpcs": [');
    await dialog.getByRole("button", { name: "Import pasted JSON" }).click();
    await dialog.getByRole("alert").getByText(/pasted document 1: not JSON/).waitFor();
    assert.deepEqual(await partIds(page), before);
    await page.screenshot({ path: join(artifacts, "share-files-dialog.png") });
    await dialog.getByLabel("Import AWS JSON files").setInputFiles(files);
    // The report says, per file, what was read.
    const report = dialog.getByRole("status").filter({ hasText: /Imported \d+ files/ });
    await report.waitFor();
    assert.equal(await dialog.locator(".import-error").count(), 0, "no import error");
    const rows = await report.locator(".import-files > li").allTextContents();
    const subnets = rows.find((r) => r.startsWith("describe-subnets.json"));
    assert.match(subnets || "", /Subnets \d+/, rows.join(" | "));
    await page.screenshot({ path: join(artifacts, "share-import-report.png") });
    await dialog.getByRole("button", { name: "Close", exact: true }).click();
    await dialog.waitFor({ state: "detached" });
    const ids = await partIds(page);
    assert.ok(ids.includes("i-0020d216c9e5c8c66") && ids.includes("i-0d0142e69fddc5ac8"), ids.join(" "));
    const traffic = page.getByRole("region", { name: "Traffic" });
    await traffic.getByLabel("From", { exact: true }).selectOption("i-0020d216c9e5c8c66");
    await traffic.getByLabel("To", { exact: true }).selectOption("i-0d0142e69fddc5ac8");
    await traffic.getByLabel("Port", { exact: true }).fill("9000");
    await traffic.getByRole("button", { name: "Send", exact: true }).click();
    await traffic.getByRole("status").getByText(/Established/).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("bad links say why in an alert and keep the scenario", async () => {
    const { context, page } = await fresh();
    await page.goto(app);
    await ready(page);
    await openTemplate(page, 0);
    const mine = await partIds(page);
    const good = (await share(page)).split("#")[1];
    const bomb = "s=1." + deflateRawSync(Buffer.alloc(5 * 1024 * 1024, 32)).toString("base64url");
    const tampered = good.slice(0, 40) + "A".repeat(24) + good.slice(64);
    const bad = {
      truncated: good.slice(0, Math.floor(good.length / 2)),
      tampered,
      "a future version": "s=9." + good.slice(4),
      "a decompression bomb": bomb,
      "1 MB of junk": "s=2." + "x".repeat(1024 * 1024),
      "not a scenario": "s=1." + deflateRawSync(Buffer.from('{"version":1,"vpcs":7}')).toString("base64url"),
    };
    let n = 0;
    for (const [what, fragment] of Object.entries(bad)) {
      const tab = await context.newPage();
      await tab.goto(app + "#" + fragment);
      const alert = tab.getByRole("alert");
      await alert.getByText("This share link did not open:").waitFor();
      const text = await alert.textContent();
      assert.match(text, /damaged|newer release|refused|could not be loaded|characters long|malformed|not text/, `${what}: ${text}`);
      assert.deepEqual(await partIds(tab), mine, `${what}: the scenario is still there`);
      if (n++ === 0) await tab.screenshot({ path: join(artifacts, "share-bad-link.png") });
      await tab.close();
    }
    // Pasted into an open page, too.
    await page.evaluate(() => { location.hash = "s=3.AAAA"; });
    await page.getByRole("alert").getByText(/newer release/).waitFor();
    assert.deepEqual(await partIds(page), mine);
    await context.close();
  });
});
