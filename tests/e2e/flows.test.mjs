// End-to-end tests of the flow list (release build in dist/), in headless Chromium at 1280x800:
// flows sent are listed newest first with the engine's verdict, one click opens a flow again, a
// flow can be removed from the list and the canvas, the list survives a reload, speaks Korean,
// and says when it is full. Screenshots: tests/e2e/artifacts/flows-*.png.
//
// Run: node --test tests/e2e/flows.test.mjs   (after `trunk build --release --offline`)

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { link } from "./browser.mjs";
import { appUnderTest, artifacts, openPage, sendTcp } from "./app.mjs";

const app = appUnderTest();
const here = dirname(fileURLToPath(import.meta.url));
const template = (id) => JSON.parse(readFileSync(join(here, "..", "..", "src", "templates", `${id}.json`), "utf8"));

async function open(scenario) {
  const { page, context, errors } = await openPage(app, `/#${link(scenario)}`, { locale: "en-US" });
  const traffic = page.getByRole("region", { name: "Traffic" });
  return { page, context, errors, traffic, status: traffic.getByRole("status") };
}

const send = (traffic, from, to, port) => sendTcp(traffic, from, to, port);

/** The rows of the flow list: name, verdict, whether marked current. */
const rowsOf = (traffic, name = "Flows") =>
  traffic.getByRole("list", { name, exact: true }).getByRole("listitem").evaluateAll((items) =>
    items.map((li) => ({
      name: li.querySelector(".flow-open").textContent,
      verdict: li.querySelector(".flow-verdict").textContent,
      current: li.getAttribute("aria-current") === "true",
      colour: getComputedStyle(li.querySelector(".trail")).stroke,
    })),
  );

/** The colour each flow is drawn in on the canvas, current (last) one included. */
const canvasColours = (page) =>
  page.locator(".packets .flow .trail").evaluateAll((paths) => paths.map((p) => getComputedStyle(p).stroke));

/** The short verdict names the lead of the status line, and when dropped what decided. */
function assertSameVerdict(row, line) {
  const [lead, words] = row.verdict.split(": ");
  assert.ok(line.startsWith(`${lead}:`), `row says "${row.verdict}", status line "${line}"`);
  if (words) {
    const decided = words.split(" ")[0];
    assert.ok(line.includes(decided), `"${decided}" of "${row.verdict}" is in "${line}"`);
  }
}

describe("the flow list", () => {
  test("list, open again, remove, reload, Korean", async () => {
    const { page, context, errors, status } = await open(template("small-service"));
    let traffic = page.getByRole("region", { name: "Traffic" });
    assert.equal(await traffic.getByRole("list", { name: "Flows" }).count(), 0, "no list before a flow is sent");
    const lines = [];
    lines.push(await send(traffic, "internet", "alb", 80));
    lines.push(await send(traffic, "bastion", "mysql", 22));
    lines.push(await send(traffic, "bastion", "nginx", 5432));
    assert.match(lines[0], /^Established/);
    assert.match(lines[2], /^Dropped/);

    let rows = await rowsOf(traffic);
    assert.deepEqual(
      rows.map((r) => r.name),
      ["bastion → nginx tcp/5432", "bastion → mysql tcp/22", "Internet → alb tcp/80"],
      "newest first, named by the parts",
    );
    rows.forEach((r, i) => assertSameVerdict(r, lines[2 - i]));
    assert.equal(rows[0].verdict.startsWith("Dropped"), true);
    assert.deepEqual(rows.map((r) => r.current), [true, false, false]);
    // Each swatch is the colour of its line on the canvas (drawn oldest first).
    assert.deepEqual(rows.map((r) => r.colour).reverse(), await canvasColours(page));
    assert.equal(new Set(rows.map((r) => r.colour)).size, 3, "three colours");
    const legend = traffic.getByRole("region", { name: "On the canvas" });
    assert.match(await legend.innerText(), /dashed line/);
    assert.match(await legend.innerText(), /Red outline/);
    await traffic.getByRole("list", { name: "Flows" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, "flows-list.png") });
    await traffic.locator(".flow-board").screenshot({ path: join(artifacts, "flows-board.png") });

    // One click opens the first flow sent again: From, To, Port and the verdict are about it.
    await traffic.getByRole("button", { name: "Internet → alb tcp/80", exact: true }).click();
    await status.getByText(/^Established: Internet reached alb/).waitFor();
    assert.equal(await traffic.getByLabel("From", { exact: true }).inputValue(), "internet");
    assert.equal(await traffic.getByLabel("To", { exact: true }).inputValue(), "alb");
    assert.equal(await traffic.getByLabel("Port", { exact: true }).inputValue(), "80");
    rows = await rowsOf(traffic);
    assert.equal(rows.length, 3);
    assert.deepEqual(rows[0], { ...rows[0], name: "Internet → alb tcp/80", current: true });
    assert.equal(rows.filter((r) => r.current).length, 1, "one flow is current");
    assert.equal(rows[0].colour, (await canvasColours(page)).at(-1), "it keeps its colour, drawn on top");
    await page.locator("details.hops > summary").click();
    assert.ok((await page.locator(".hops tbody tr").count()) >= 6, "its hops are listed");

    // Remove one: it leaves the list and the canvas.
    assert.equal(await page.locator(".packets .flow").count(), 3);
    await traffic.getByRole("button", { name: "Remove bastion → mysql tcp/22" }).click();
    await page.waitForFunction(() => document.querySelectorAll(".packets .flow").length === 2);
    rows = await rowsOf(traffic);
    assert.deepEqual(rows.map((r) => r.name), ["Internet → alb tcp/80", "bastion → nginx tcp/5432"]);
    await page.screenshot({ path: join(artifacts, "flows-opened-removed.png") });

    // A reload shows the same flows with their verdicts.
    const kept = rows.map(({ name, verdict }) => ({ name, verdict }));
    await page.reload();
    await status.getByText(/^Established: Internet reached alb/).waitFor();
    rows = await rowsOf(traffic);
    assert.deepEqual(rows.map(({ name, verdict }) => ({ name, verdict })), kept);
    assert.equal(rows[0].current, true);
    assert.equal(await page.locator(".packets .flow").count(), 2);

    // In Korean: the heading, buttons, verdicts and legend.
    await page.getByLabel("Language").selectOption("ko");
    traffic = page.getByRole("region", { name: "트래픽" });
    await traffic.getByRole("list", { name: "흐름", exact: true }).waitFor();
    rows = await rowsOf(traffic, "흐름");
    assert.equal(rows[0].verdict, "연결 성공");
    assert.match(rows[1].verdict, /^차단됨: /);
    for (const r of rows) assert.doesNotMatch(r.verdict, /Established|Dropped|blocks|denies/);
    await traffic.getByRole("button", { name: "흐름 모두 지우기" }).waitFor();
    await traffic.getByRole("button", { name: "Internet → alb tcp/80 지우기" }).waitFor();
    const board = await traffic.locator(".flow-board").innerText();
    assert.doesNotMatch(board.replace(/Internet|alb|bastion|nginx|tcp|[\w-]+-sg/g, ""), /[A-Za-z]{3,}/, board);
    await traffic.locator(".flow-board").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, "flows-ko.png") });
    await traffic.locator(".flow-board").screenshot({ path: join(artifacts, "flows-board-ko.png") });

    // Clear flows empties the list and the canvas.
    await traffic.getByRole("button", { name: "흐름 모두 지우기" }).click();
    await traffic.getByRole("list", { name: "흐름" }).waitFor({ state: "detached" });
    assert.equal(await page.locator(".packets .flow").count(), 0);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("a full list says so, and the oldest flow goes", async () => {
    const { page, context, errors, traffic } = await open(template("small-service"));
    const consoleInput = traffic.getByLabel("Console", { exact: true });
    await traffic.getByLabel("From", { exact: true }).selectOption("bastion");
    for (let port = 1001; port <= 1020; port++) {
      await consoleInput.fill(`telnet mysql ${port}`);
      await consoleInput.press("Enter");
      await traffic.getByRole("button", { name: `bastion → mysql tcp/${port}`, exact: true }).waitFor();
    }
    const note = traffic.getByText("The list keeps the last 20 flows: sending another clears the oldest one.");
    await note.waitFor();
    assert.equal((await rowsOf(traffic)).length, 20);
    await consoleInput.fill("telnet mysql 1021");
    await consoleInput.press("Enter");
    await page.getByText("The canvas shows the last 20 flows: the oldest one was cleared.").first().waitFor();
    const rows = await rowsOf(traffic);
    assert.equal(rows.length, 20);
    assert.equal(rows[0].name, "bastion → mysql tcp/1021");
    assert.equal(rows.at(-1).name, "bastion → mysql tcp/1002", "the oldest one went");
    await traffic.locator(".flow-board").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, "flows-full.png") });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("a share link's flows are listed; another scenario leaves nothing stale", async () => {
    const scenario = template("small-service");
    const flows = "internet~alb~tcp~80!bastion~mysql~tcp~22";
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-US" });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (err) => errors.push(String(err)));
    page.on("console", (msg) => msg.type() === "error" && errors.push(msg.text()));
    await page.goto(new URL(`/#${link(scenario)}&f=${flows}`, app.server.url).href);
    const traffic = page.getByRole("region", { name: "Traffic" });
    await traffic.getByRole("status").getByText(/^Established: bastion reached mysql/).waitFor();
    let rows = await rowsOf(traffic);
    assert.deepEqual(
      rows.map(({ name, verdict, current }) => ({ name, verdict, current })),
      [
        { name: "bastion → mysql tcp/22", verdict: "Established", current: true },
        { name: "Internet → alb tcp/80", verdict: "Established", current: false },
      ],
    );

    // The same network without mysql, pasted as a link: the flow to mysql goes, the other stays.
    const without = { ...scenario, instances: scenario.instances.filter((i) => i.id !== "mysql") };
    await page.evaluate((hash) => { location.hash = hash; }, link(without));
    await page.getByRole("application", { name: "Canvas" }).getByRole("button", { name: "mysql", exact: true }).waitFor({ state: "detached" });
    await traffic.getByRole("status").getByText(/^Established: Internet reached alb/).waitFor();
    rows = await rowsOf(traffic);
    assert.deepEqual(rows.map(({ name, current }) => ({ name, current })), [{ name: "Internet → alb tcp/80", current: true }]);
    assert.equal(await page.locator(".packets .flow").count(), 1);

    // Another template: no flow of the old network is listed or drawn.
    await page.getByRole("button", { name: "Templates", exact: true }).click();
    const gallery = page.getByRole("dialog", { name: "Templates" });
    const card = gallery.getByRole("listitem").filter({ hasText: /hello-vpc|Public, private/ }).first();
    const name = await card.getByRole("heading").textContent();
    await card.getByRole("button", { name: `Open ${name}` }).click();
    await page.getByRole("dialog", { name: `Open “${name}”?` }).getByRole("button", { name: "Open the template" }).click();
    await gallery.waitFor({ state: "detached" });
    await traffic.getByRole("list", { name: "Flows" }).waitFor({ state: "detached" });
    assert.equal(await page.locator(".packets .flow").count(), 0);
    await page.screenshot({ path: join(artifacts, "flows-after-template.png") });
    assert.deepEqual(errors, []);
    await context.close();
  });
});
