// End-to-end tests of the pictures to publish (release build in dist/), in headless Chromium at
// 1280x800: Export SVG of every template, with a part selected and focused, renders on its own in
// a fresh page with no selection outline, with the title and the legend; Export PNG at 2× is
// twice the SVG's size and at 3× three times; the flows go in when asked, with their hops.
//
// Run: node --test tests/e2e/picture.test.mjs   (after `trunk build --release --offline`)

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { link } from "./browser.mjs";
import { appUnderTest, artifacts } from "./app.mjs";

const app = appUnderTest();
const here = dirname(fileURLToPath(import.meta.url));
const templates = join(here, "..", "..", "src", "templates");
const ids = readdirSync(templates).filter((f) => f.endsWith(".json")).map((f) => f.replace(/\.json$/, ""));

async function open(scenario) {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (err) => errors.push(String(err)));
  await page.goto(new URL(`/#${link(scenario)}`, app.server.url).href);
  await page.getByRole("application", { name: "Canvas" }).waitFor();
  return { page, context, errors };
}

/** Clicks `button` in the Files dialog and returns the downloaded file's bytes. */
async function download(page, button) {
  const files = page.getByRole("dialog", { name: "Files" });
  const [file] = await Promise.all([page.waitForEvent("download"), files.getByRole("button", { name: button }).click()]);
  return readFileSync(await file.path());
}

/** The focus colour as computed styles write it (`rgb(...)`). */
const focusColour = (page) => page.evaluate(() => {
  const probe = document.createElement("div");
  probe.style.color = getComputedStyle(document.documentElement).getPropertyValue("--focus");
  document.body.append(probe);
  const c = getComputedStyle(probe).color;
  probe.remove();
  return c;
});

describe("pictures to publish", () => {
  test("every template exports an SVG without the selection, with its title and a legend", async () => {
    for (const id of ids) {
      const scenario = JSON.parse(readFileSync(join(templates, `${id}.json`), "utf8"));
      const { page, context, errors } = await open(scenario);
      // A part selected and focused, as it is while someone edits.
      // By its id: a subnet may have the same name as the instance in it.
      const first = scenario.instances?.[0]?.id;
      const part = page.getByRole("application", { name: "Canvas" }).locator(`.cpart[data-id="${first}"]`);
      await part.click();
      await part.focus();
      assert.equal(await page.locator("#canvas .cpart.selected").count(), 1, id);
      const focus = await focusColour(page);
      await page.getByRole("button", { name: "Files", exact: true }).click();
      const files = page.getByRole("dialog", { name: "Files" });
      assert.equal(await files.getByLabel("Title").inputValue(), scenario.name, id);
      const svg = (await download(page, "Export SVG")).toString("utf8");
      assert.ok(!svg.includes(`stroke:${focus}`), `${id}: the selection outline (${focus}) is in the picture`);
      assert.doesNotMatch(svg, /resize-handle|role="button"|tabindex/, id);
      assert.match(svg, /<g class="legend">/, id);
      assert.ok(svg.includes(`>${scenario.name.replace(/&/g, "&amp;")}</text>`), `${id}: no title`);
      assert.match(svg, />EC2 instance</, `${id}: the legend names the parts`);
      // Names the zoomed-out canvas cuts short are whole in the picture.
      for (const node of [...(scenario.instances ?? []), ...(scenario.databases ?? [])]) {
        assert.ok(svg.includes(`>${node.name}</text>`), `${id}: ${node.name} is not whole`);
      }
      assert.doesNotMatch(svg, /…<\/text>/, `${id}: a name is cut short`);
      // The selection is back on the canvas afterwards.
      assert.equal(await page.locator("#canvas .cpart.selected").count(), 1, id);

      // On its own, in a fresh page with no stylesheet: it renders at its size.
      const view = await context.newPage();
      writeFileSync(join(artifacts, `picture-${id}.svg`), svg);
      await view.setContent(`<body style="margin:0"><img id="pic" src="data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}"></body>`);
      const size = await view.locator("#pic").evaluate((img) => img.decode().then(() => [img.naturalWidth, img.naturalHeight]));
      const width = Number(svg.match(/<svg[^>]* width="([\d.]+)"/)[1]);
      const height = Number(svg.match(/<svg[^>]* height="([\d.]+)"/)[1]);
      assert.ok(Math.abs(size[0] - width) <= 1 && Math.abs(size[1] - height) <= 1, `${id}: drawn ${size}, declared ${width}x${height}`);
      assert.ok(size[0] > 200 && size[1] > 150, `${id}: ${size}`);
      if (id === "small-service") await view.screenshot({ path: join(artifacts, "picture-small-service.png"), fullPage: true });
      await view.close();
      assert.deepEqual(errors, [], id);
      await context.close();
    }
  });

  test("PNG at 2× and 3× is two and three times the SVG; flows go in with their hops when asked", async () => {
    const scenario = JSON.parse(readFileSync(join(templates, "small-service.json"), "utf8"));
    const { page, context, errors } = await open(scenario);
    const traffic = page.getByRole("region", { name: "Traffic" });
    await traffic.getByLabel("From", { exact: true }).selectOption("laptop");
    await traffic.getByLabel("To", { exact: true }).selectOption("bastion");
    await traffic.getByLabel("Port", { exact: true }).fill("22");
    await traffic.getByRole("button", { name: "Send" }).click();
    await traffic.getByRole("status").getByText(/^Established/).waitFor();
    await page.getByRole("button", { name: "Files", exact: true }).click();
    const files = page.getByRole("dialog", { name: "Files" });
    const svg = (await download(page, "Export SVG")).toString("utf8");
    assert.match(svg, /class="hop ok"/, "the flow's hops are in the picture");
    assert.doesNotMatch(svg, /class="packet"/, "the moving packet is not");
    assert.match(svg, />The flow traced</);
    assert.match(svg, />Allowed at this hop</);
    const width = Number(svg.match(/<svg[^>]* width="([\d.]+)"/)[1]);
    const height = Number(svg.match(/<svg[^>]* height="([\d.]+)"/)[1]);
    const pngSize = (png) => [png.readUInt32BE(16), png.readUInt32BE(20)];
    assert.equal(await files.getByLabel("PNG size").inputValue(), "2");
    assert.deepEqual(pngSize(await download(page, "Export PNG")), [Math.ceil(width * 2), Math.ceil(height * 2)]);
    await files.getByLabel("PNG size").selectOption("3");
    assert.deepEqual(pngSize(await download(page, "Export PNG")), [Math.ceil(width * 3), Math.ceil(height * 3)]);
    // Without the flows, the legend, or the title.
    await files.getByLabel("The flows on the canvas").uncheck();
    await files.getByLabel("Legend").uncheck();
    await files.getByLabel("Title").fill("");
    const bare = (await download(page, "Export SVG")).toString("utf8");
    assert.doesNotMatch(bare, /class="hop |class="legend"|class="picture-title"/);
    await files.screenshot({ path: join(artifacts, "picture-options.png") });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("an import in one availability zone is drawn without the empty zone the canvas keeps", async () => {
    // No layout: the page lays it out, with a second, empty band as a place to drop subnets.
    const scenario = {
      version: 1,
      name: "one zone",
      vpcs: [{ id: "vpc-1", name: "prod", cidrs: ["10.0.0.0/16"] }],
      subnets: [
        { id: "subnet-a", name: "web", vpc: "vpc-1", az: "us-east-1b", cidr: "10.0.1.0/24" },
        { id: "subnet-b", name: "app", vpc: "vpc-1", az: "us-east-1b", cidr: "10.0.2.0/24" },
      ],
      instances: [{ id: "i-1", name: "web-1", interfaces: [{ id: "eni-1", subnet: "subnet-a", private_ip: "10.0.1.10" }] }],
      internet_gateways: [{ id: "igw-1", name: "igw", vpc: "vpc-1" }],
    };
    const { page, context, errors } = await open(scenario);
    const bands = await page.locator("#canvas .band-label").evaluateAll((ts) => ts.map((t) => t.textContent));
    assert.deepEqual(bands, ["us-east-1a", "us-east-1b"]);
    const canvasWidth = await page.locator("#canvas [data-id='vpc-1'] > .box").getAttribute("width");
    await page.getByRole("button", { name: "Files", exact: true }).click();
    const svg = (await download(page, "Export SVG")).toString("utf8");
    await page.keyboard.press("Escape");
    const shown = await app.browser.newPage();
    await shown.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
    const picture = await shown.evaluate(() => {
      const s = document.querySelector("svg");
      const box = (sel) => [...s.querySelectorAll(sel)].map((e) => e.getBoundingClientRect());
      const vpc = box("rect").sort((a, b) => b.width * b.height - a.width * a.height)[1];
      return {
        width: Number(s.getAttribute("width")),
        bands: [...s.querySelectorAll("text")].map((t) => t.textContent).filter((t) => /^us-east-1/.test(t)),
        vpc: { left: vpc.left, right: vpc.right },
        subnets: [...s.querySelectorAll("text")].filter((t) => t.textContent.startsWith("web") || t.textContent.startsWith("app")).map((t) => t.getBoundingClientRect().left),
      };
    });
    assert.deepEqual(picture.bands, ["us-east-1b"], "the empty zone is left out");
    assert.ok(picture.width < Number(canvasWidth), `picture ${picture.width} px wide, VPC on the canvas ${canvasWidth}`);
    for (const left of picture.subnets) {
      assert.ok(left > picture.vpc.left && left < picture.vpc.right, `a subnet's name at ${left} is outside the VPC ${JSON.stringify(picture.vpc)}`);
    }
    await shown.screenshot({ path: join(artifacts, "picture-one-zone.png") });
    await shown.close();
    assert.deepEqual(errors, []);
    await context.close();
  });
});
