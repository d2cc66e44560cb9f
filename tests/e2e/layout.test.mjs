// End-to-end tests of the workspace's layout (release build in dist/), in headless Chromium:
// every template opens fully visible on the canvas, clear of the zoom bar, with part names at
// 11 px or more on screen, at 1280x800 and 1920x1080; the docks fold, resize by pointer and by
// key, and are remembered across a reload; in lesson mode the lesson and the inspector share the
// side column and the canvas keeps 55% of the window; at 390 px the header wraps and the page
// does not scroll sideways.
//
// Run: node --test tests/e2e/layout.test.mjs   (after `trunk build --release --offline`)

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { link } from "./browser.mjs";
import { appUnderTest, artifacts, openPage } from "./app.mjs";

const app = appUnderTest();
const here = dirname(fileURLToPath(import.meta.url));
const templates = join(here, "..", "..", "src", "templates");
const ids = readdirSync(templates).filter((f) => f.endsWith(".json")).map((f) => f.replace(/\.json$/, ""));
const template = (id) => JSON.parse(readFileSync(join(templates, `${id}.json`), "utf8"));

const open = (viewport, fragment = "") => openPage(app, `/${fragment}`, { viewport });

/** Where the parts are drawn, the canvas, the zoom bar, and the smallest part name on screen. */
const measure = (page) =>
  page.evaluate(() => {
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    };
    const canvas = box(document.querySelector(".canvas"));
    const bar = box(document.querySelector(".canvas-tools"));
    const parts = [...document.querySelectorAll(".cpart")].map((p) => ({ id: p.dataset.id, ...box(p) }));
    const names = [...document.querySelectorAll(".cpart .title")].map((t) => {
      const px = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
      return { name: t.textContent, px };
    });
    return { canvas, bar, parts, names };
  });

const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe("the workspace's layout", () => {
  for (const [width, height] of [[1280, 800], [1920, 1080]]) {
    test(`every template opens fully visible and readable at ${width}x${height}`, async () => {
      const { page, context, errors } = await open({ width, height });
      for (const id of ids) {
        // Each template as a first visit would open it: from its link, with nothing saved.
        await page.evaluate(() => localStorage.clear());
        await page.goto("about:blank");
        await page.goto(new URL(`/#${link(template(id))}`, app.server.url).href);
        const title = template(id).name;
        await page.getByRole("application", { name: "Canvas" }).locator(".cpart").first().waitFor();
        assert.equal(await page.locator(".dialog").count(), 0, `${id}: nothing asked`);
        await page.getByRole("application", { name: "Canvas" }).waitFor();
        await page.waitForTimeout(250);
        const m = await measure(page);
        assert.ok(m.parts.length >= 6, `${id}: ${m.parts.length} parts drawn`);
        const drawn = await page.locator(".cpart").evaluateAll((ps) => ps.map((p) => p.dataset.id));
        for (const part of [...template(id).vpcs, ...template(id).subnets]) {
          assert.ok(drawn.includes(part.id), `${id} (${title}): ${part.id} is not drawn`);
        }
        for (const p of m.parts) {
          const inside = p.left >= m.canvas.left - 1 && p.right <= m.canvas.right + 1 &&
            p.top >= m.canvas.top - 1 && p.bottom <= m.canvas.bottom + 1;
          assert.ok(inside, `${id} at ${width}x${height}: ${p.id} is cut off (${JSON.stringify(p)} in ${JSON.stringify(m.canvas)})`);
          assert.ok(!overlaps(p, m.bar), `${id} at ${width}x${height}: ${p.id} is under the zoom bar`);
        }
        const smallest = m.names.reduce((a, b) => (a.px <= b.px ? a : b));
        assert.ok(smallest.px >= 11, `${id} at ${width}x${height}: "${smallest.name}" is ${smallest.px.toFixed(1)} px`);
        if (width === 1280) await page.screenshot({ path: join(artifacts, `layout-${id}.png`) });
      }
      assert.deepEqual(errors, []);
      await context.close();
    });
  }

  test("at 390 px the header's controls wrap under the title: all in the window, labelled, 24 px tall or more", async () => {
    for (const locale of ["en", "ko-KR"]) {
      const context = await app.browser.newContext({ viewport: { width: 390, height: 844 }, locale });
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (err) => errors.push(String(err)));
      page.on("console", (msg) => msg.type() === "error" && errors.push(msg.text()));
      await page.goto(new URL("/", app.server.url).href);
      await page.getByRole("application", { name: /^(Canvas|캔버스)$/ }).waitFor();
      await page.waitForTimeout(250);
      const m = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        header: document.querySelector(".topbar").getBoundingClientRect().toJSON(),
        controls: [...document.querySelectorAll(".topbar-actions > button, .topbar-actions > select")].map((el) => ({
          name: el.getAttribute("aria-label") ?? el.textContent.trim(),
          ...el.getBoundingClientRect().toJSON(),
        })),
      }));
      assert.ok(m.scrollWidth <= 390, `${locale}: the page is ${m.scrollWidth} px wide`);
      assert.ok(m.header.right <= 390, `${locale}: the header ends at ${m.header.right}`);
      assert.equal(m.controls.length, 9, `${locale}: ${JSON.stringify(m.controls.map((c) => c.name))}`);
      for (const c of m.controls) {
        assert.ok(c.name.length > 0, `${locale}: a header control has no name`);
        assert.ok(c.left >= 0 && c.right <= 390 && c.bottom <= m.header.bottom, `${locale}: ${c.name} is out of the header (${JSON.stringify(c)})`);
        assert.ok(c.height >= 24, `${locale}: ${c.name} is ${c.height} px tall`);
      }
      // The canvas toolbar keeps each label on one line, inside the canvas.
      const tools = await page.evaluate(() => {
        const canvas = document.querySelector(".canvas-tools").parentElement.getBoundingClientRect();
        return [...document.querySelectorAll(".canvas-tools button")].map((b) => ({
          name: b.getAttribute("aria-label") ?? b.textContent.trim(),
          canvasLeft: canvas.left,
          ...b.getBoundingClientRect().toJSON(),
        }));
      });
      for (const b of tools) {
        assert.ok(b.height <= 30, `${locale}: ${b.name} breaks onto ${b.height} px`);
        assert.ok(b.left >= b.canvasLeft && b.right <= 390, `${locale}: ${b.name} is out of the canvas (${JSON.stringify(b)})`);
      }
      await page.screenshot({ path: join(artifacts, `canvas-tools-390-${locale}.png`), clip: { x: 0, y: 0, width: 390, height: 320 } });
      // The page below the header is still usable: the workspace starts under it.
      const workspace = await page.locator(".workspace").boundingBox();
      assert.ok(workspace.y >= m.header.bottom - 1, `${locale}: the workspace starts at ${workspace.y}`);
      await page.screenshot({ path: join(artifacts, `header-390-${locale}.png`), clip: { x: 0, y: 0, width: 390, height: 260 } });
      assert.deepEqual(errors, []);
      await context.close();
    }
  });

  test("the docks fold, resize by pointer and by key, and are remembered", async () => {
    const { page, context, errors } = await open({ width: 1280, height: 800 }, `#${link(template("small-service"))}`);
    const canvas = page.getByRole("application", { name: "Canvas" });
    const before = await canvas.boundingBox();

    // Folding the palette keeps its parts as badges that keep their names for screen readers.
    await page.getByRole("button", { name: "Hide part names" }).click();
    const palette = page.getByRole("region", { name: "Palette" });
    await palette.getByRole("button", { name: "Subnet", exact: true }).waitFor();
    assert.ok((await palette.boundingBox()).width <= 64);
    // The side column folds to a rail; its button brings it back.
    await page.getByRole("button", { name: "Hide the side panel" }).click();
    assert.equal(await page.getByRole("region", { name: "Inspector" }).count(), 0);
    const wide = await canvas.boundingBox();
    assert.ok(wide.width >= 1280 - 64 - 40, `canvas ${wide.width} px wide with both folded`);
    // The traffic panel folds to its heading and the verdict line.
    await page.getByRole("button", { name: "Fold the traffic panel" }).click();
    const traffic = page.getByRole("region", { name: "Traffic" });
    assert.ok((await traffic.boundingBox()).height <= 90);
    await traffic.getByRole("status").waitFor();
    assert.equal(await traffic.getByLabel("From", { exact: true }).isVisible(), false);
    await page.screenshot({ path: join(artifacts, "layout-folded.png") });
    const tall = await canvas.boundingBox();
    assert.ok(tall.height >= 0.8 * 800, `canvas ${tall.height} px tall with the traffic panel folded`);

    for (const name of ["Show part names", "Show the side panel", "Unfold the traffic panel"]) {
      await page.getByRole("button", { name }).click();
    }
    const back = await canvas.boundingBox();
    assert.deepEqual([back.width, back.height], [before.width, before.height]);

    // Dragging the side column's edge to the left widens it; arrow keys move the traffic edge.
    const side = page.getByRole("separator", { name: "Resize the side panel" });
    const edge = await side.boundingBox();
    await page.mouse.move(edge.x + edge.width / 2, edge.y + 300);
    await page.mouse.down();
    await page.mouse.move(edge.x - 100, edge.y + 300, { steps: 6 });
    await page.mouse.up();
    const inspector = page.getByRole("region", { name: "Inspector" });
    const widened = Number(await side.getAttribute("aria-valuenow"));
    assert.ok(Math.abs(widened - 420) <= 8, `side column ${widened} px after a 100 px drag`);
    const split = page.getByRole("separator", { name: "Resize the traffic panel" });
    await split.focus();
    const h0 = (await traffic.boundingBox()).height;
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    const h1 = (await traffic.boundingBox()).height;
    assert.ok(Math.abs(h1 - h0 - 48) <= 4, `traffic panel ${h0} → ${h1} px after two ArrowUp`);
    // Enter on an edge folds its dock, as a window splitter does.
    await page.keyboard.press("Enter");
    assert.equal(await traffic.getByLabel("From", { exact: true }).isVisible(), false);
    await page.keyboard.press("Enter");
    await page.screenshot({ path: join(artifacts, "layout-resized.png") });

    await page.reload();
    await canvas.waitFor();
    assert.equal(Number(await side.getAttribute("aria-valuenow")), widened, "the side column's width is remembered");
    assert.ok(Math.abs((await traffic.boundingBox()).height - h1) <= 2, "the traffic panel's height is remembered");
    assert.ok(Math.abs((await inspector.boundingBox()).width - widened) <= 2);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("in lesson mode the lesson and the inspector share the side column; the canvas keeps 55%", async () => {
    const { page, context, errors } = await open({ width: 1280, height: 800 });
    await page.getByRole("button", { name: "Lessons", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Lessons" });
    await dialog.locator(".lesson-pick").first().click();
    const confirm = page.getByRole("dialog", { name: /^Start “/ });
    if (await confirm.count()) await confirm.getByRole("button", { name: "Start the lesson" }).click();
    const lesson = page.getByRole("region", { name: "Lesson", exact: true });
    await lesson.waitFor();
    await page.waitForTimeout(300);
    // A part selected: its editor has the other half of the side column, under the lesson.
    const canvas = page.getByRole("application", { name: "Canvas" });
    await canvas.locator(".cnode").first().click();
    const inspector = page.getByRole("region", { name: "Inspector" });
    const [l, i, c] = [await lesson.boundingBox(), await inspector.boundingBox(), await canvas.boundingBox()];
    await page.screenshot({ path: join(artifacts, "layout-lesson.png") });
    assert.ok(l.height <= 0.5 * (800 - 52) + 2, `lesson ${l.height} px`);
    assert.ok(i.height >= 240, `inspector ${i.height} px under the lesson`);
    assert.ok(c.height >= 0.55 * 800, `canvas ${c.height} px tall`);
    assert.ok(c.width * c.height >= 0.35 * 1280 * 800, `canvas ${c.width}x${c.height}`);
    await page.screenshot({ path: join(artifacts, "layout-lesson.png") });
    assert.deepEqual(errors, []);
    await context.close();
  });
});
