// End-to-end tests of lesson mode (release build in dist/), in headless Chromium: the Lessons
// dialog, a built-in lesson whose checklist ticks as the network ACL is fixed in the inspector,
// the success dialog, Start over / Undo / Next lesson / Leave, lesson mode across a reload; the lesson in Korean; a lesson made
// from the canvas and shared as a link (under a sub-path), opened in a fresh browser; and a
// damaged lesson link, which says why and keeps the saved work.
//
// Run: node --test tests/e2e/lessons.test.mjs   (after `trunk build --release --offline`)
// Screenshots go to /tmp/lesson-*.png.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium, link } from "./browser.mjs";
import { startServer } from "./serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..");
const dist = process.env.DIST_DIR ?? join(repo, "dist");
const shots = process.env.LESSON_SHOTS ?? "/tmp";

let server;
let browser;

before(async () => {
  assert.ok(existsSync(join(dist, "index.html")), `no release build in ${dist}`);
  server = await startServer({ root: dist });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page (its own local storage) at 1280x800, in English, recording console errors. */
async function open(path = "/", { permissions = [] } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-US" });
  if (permissions.length) await context.grantPermissions(permissions, { origin: server.url });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(String(err)));
  await page.goto(new URL(path, server.url).href);
  await page.getByRole("application", { name: "Canvas" }).waitFor();
  return { page, context, errors };
}

const canvasOf = (page) => page.getByRole("application", { name: "Canvas" });
const partOn = (page, name) => canvasOf(page).getByRole("button", { name, exact: true });
const inspectorOf = (page) => page.getByRole("region", { name: "Inspector" });
const lessonOf = (page, name = "Lesson") => page.getByRole("region", { name, exact: true });
const statusOf = (page) => page.locator(".canvas-status");
/** The checklist item whose label is `label`. */
const item = (page, label, region = "Lesson") => lessonOf(page, region).getByRole("listitem").filter({ hasText: label });
const consoleErrors = (errors) => errors.filter((e) => !/integrity/.test(e));

/** Opens the Lessons dialog from the header and picks the lesson whose title is `title`. */
async function pick(page, title) {
  await page.getByRole("button", { name: "Lessons", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Lessons" });
  await dialog.getByRole("button", { name: new RegExp(`^\\d\\. ${title}`) }).click();
  // Work on the canvas is replaced only once confirmed.
  const confirm = page.getByRole("dialog", { name: `Start “${title}”?` });
  const asked = await Promise.race([
    confirm.waitFor().then(() => true),
    dialog.waitFor({ state: "detached" }).then(() => false),
  ]);
  if (asked) await confirm.getByRole("button", { name: "Start the lesson" }).click();
  await dialog.waitFor({ state: "detached" });
  await lessonOf(page).getByRole("heading", { name: title, exact: true }).waitFor();
}

/** Adds a network ACL rule with the inspector's form (the subnet's ACL tab is open). */
async function addAclRule(page, direction, number, ports) {
  const inspector = inspectorOf(page);
  await inspector.getByRole("button", { name: `${direction} rules`, exact: true }).click();
  await inspector.getByLabel("Rule number").fill(number);
  await inspector.getByLabel("Port range").fill(ports);
  await inspector.getByLabel("Allow/Deny").selectOption("allow");
  await inspector.getByRole("button", { name: `Add ${direction.toLowerCase()} rule` }).click();
  await inspector.getByLabel(`Number of ${direction.toLowerCase()} rule ${number}`).waitFor();
}

const ACL = "Stateless network ACLs and ephemeral ports";

describe("lesson mode", () => {
  test("the Lessons dialog lists the track; the ACL lesson ticks as the rules are fixed, then succeeds", async () => {
    const { page, context, errors } = await open();

    // The dialog: focus moves in, Escape closes it, every built-in lesson is listed in order.
    await page.getByRole("button", { name: "Lessons", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Lessons" });
    assert.equal(await dialog.getAttribute("aria-modal"), "true");
    assert.ok(await page.evaluate(() => !!document.activeElement?.closest("[role=dialog]")), "focus is inside the dialog");
    // The lessons are fetched when the dialog opens; the first one then takes the focus.
    await dialog.locator(".lesson-name").first().waitFor();
    assert.ok(await page.evaluate(() => document.activeElement?.classList.contains("lesson-pick")), "the first lesson has the focus");
    const names = await dialog.locator(".lesson-name").allTextContents();
    assert.deepEqual(names.slice(0, 2), ["1. A public subnet and an internet gateway", "2. Public vs private subnets: the NAT gateway"]);
    assert.equal(names.length, 15);
    assert.equal(names[4], `5. ${ACL}`);
    assert.match(await dialog.getByRole("button", { name: new RegExp(`^5\\. ${ACL}`) }).textContent(), /You tighten the subnet's network ACL to ports 80 and 443, in and out\./);
    await page.screenshot({ path: join(shots, "lesson-gallery.png") });
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await lessonOf(page).waitFor({ state: "detached" });

    await pick(page, ACL);
    await partOn(page, "web").waitFor();
    const lesson = lessonOf(page);
    const progress = lesson.getByRole("status");
    await progress.getByText("2 of 5 done", { exact: true }).waitFor();
    const about = lesson.locator("details.lesson-about");
    assert.notEqual(await about.getAttribute("open"), null, "the story is open at the start");
    for (const label of ["My laptop (Windows) reaches web on 80", "Any internet client reaches web on 443", "web reaches the internet on 443"]) {
      const it = item(page, label);
      assert.match(await it.textContent(), /^✗not yet: /, `${label}: ${await it.textContent()}`);
      assert.ok((await it.locator("small").textContent()).length > 10, "the engine's reason is shown");
    }
    assert.match(await item(page, "SSH to web stays closed").textContent(), /^✓done: /);
    assert.match(await item(page, "No security group opens SSH (22) to 0.0.0.0/0").textContent(), /^✓done: /);

    // Hints, one at a time.
    await lesson.getByRole("button", { name: "Show a hint" }).click();
    await lesson.getByText("Trace the flow: the request gets in; look at where the reply is dropped.").waitFor();
    await lesson.getByRole("button", { name: "Show another hint" }).click();
    await lesson.getByText(/^Clients pick source ports from 1024-65535/).waitFor();
    await lesson.getByRole("button", { name: /hint/ }).waitFor({ state: "detached" });

    // Fix the subnet's network ACL like a learner: the replies to web's own calls come in first.
    await partOn(page, "public-a").click({ position: { x: 12, y: 8 } });
    const inspector = inspectorOf(page);
    await inspector.getByRole("heading", { name: "public-a", exact: true }).waitFor();
    await inspector.getByRole("tab", { name: "Network ACL" }).click();
    await addAclRule(page, "Inbound", "120", "1024-65535");
    await progress.getByText("3 of 5 done", { exact: true }).waitFor();
    assert.equal(await about.getAttribute("open"), null, "the story folds away at the first edit");
    assert.match(await item(page, "web reaches the internet on 443").textContent(), /^✓done: /);
    assert.match(await item(page, "My laptop (Windows) reaches web on 80").textContent(), /^✗not yet: /);
    await lesson.evaluate((el) => el.scrollTo(0, 0));
    await page.screenshot({ path: join(shots, "lesson-progress-en.png") });

    // Then the replies to clients go out: everything holds and the success dialog opens.
    await addAclRule(page, "Outbound", "120", "1024-65535");
    const success = page.getByRole("dialog", { name: "Lesson complete" });
    await success.waitFor();
    await success.getByText(/^Replies get through: a network ACL must allow the ephemeral ports both ways/).waitFor();
    await progress.getByText("5 of 5 done", { exact: true }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Next lesson", "focus on Next lesson");
    await page.screenshot({ path: join(shots, "lesson-success.png") });
    await success.getByRole("button", { name: "Keep exploring" }).click();
    await success.waitFor({ state: "detached" });
    assert.match(await item(page, "My laptop (Windows) reaches web on 80").textContent(), /^✓done: /);

    // Undo takes the last rule back; Redo brings it (and the dialog) back.
    await page.getByRole("button", { name: "Undo", exact: true }).click();
    await progress.getByText("3 of 5 done", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Redo", exact: true }).click();
    await success.waitFor();
    await page.keyboard.press("Escape");
    await success.waitFor({ state: "detached" });

    // Start over puts the lesson's network back (one undo step).
    await lesson.getByRole("button", { name: "Start over" }).click();
    await progress.getByText("2 of 5 done", { exact: true }).waitFor();
    await inspector.getByText("Select a part to see its settings").waitFor();
    assert.notEqual(await about.getAttribute("open"), null, "the story is open again");
    await page.getByRole("button", { name: "Undo", exact: true }).click();
    await success.waitFor();

    // Next lesson loads the following one in the track.
    await success.getByRole("button", { name: "Next lesson" }).click();
    await lesson.getByRole("heading", { name: "Shut out one address with a network ACL", exact: true }).waitFor();
    await progress.getByText(/^\d of \d done$/).waitFor();
    assert.equal(await success.count(), 0);

    // A reload keeps lesson mode.
    await page.reload();
    await lesson.getByRole("heading", { name: "Shut out one address with a network ACL", exact: true }).waitFor();

    // Leaving keeps the network on the canvas, also after a reload.
    await lesson.getByRole("button", { name: "Leave lesson" }).click();
    await lessonOf(page).waitFor({ state: "detached" });
    await partOn(page, "web").waitFor();
    await page.reload();
    await partOn(page, "web").waitFor();
    assert.equal(await lessonOf(page).count(), 0, "no lesson after leaving and reloading");
    assert.deepEqual(consoleErrors(errors), [], "console errors");
    await context.close();
  });

  test("in Korean, the lesson and its controls speak Korean", async () => {
    const { page, context, errors } = await open();
    await pick(page, ACL);
    await page.getByLabel("Language").selectOption("ko");
    const lesson = lessonOf(page, "실습");
    await lesson.getByRole("heading", { name: "상태 비저장 네트워크 ACL과 임시 포트", exact: true }).waitFor();
    await lesson.getByRole("status").getByText("2/5 완료", { exact: true }).waitFor();
    assert.match(await item(page, "내 노트북(Windows)에서 web의 80 포트로 접속된다", "실습").textContent(), /^✗미완료: /);
    assert.match(await item(page, "web의 SSH는 계속 막혀 있다", "실습").textContent(), /^✓완료: /);
    await lesson.getByRole("button", { name: "힌트 보기" }).click();
    await lesson.getByText("흐름을 추적해 보세요. 요청은 들어갑니다. 응답이 어디서 버려지는지 보세요.").waitFor();
    for (const name of ["처음부터 다시", "실습 나가기", "다음 힌트 보기"]) {
      await lesson.getByRole("button", { name }).waitFor();
    }
    await page.getByRole("button", { name: "실습", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "실습" });
    await dialog.getByRole("button", { name: /^5\. 상태 비저장 네트워크 ACL과 임시 포트/ }).waitFor();
    await dialog.getByRole("button", { name: "실습 만들기" }).waitFor();
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await lesson.evaluate((el) => el.scrollTo(0, 0));
    await page.screenshot({ path: join(shots, "lesson-progress-ko.png") });
    assert.deepEqual(consoleErrors(errors), [], "console errors");
    await context.close();
  });

  test("a lesson made from the canvas is shared as a link that opens in lesson mode elsewhere", async () => {
    const { page, context, errors } = await open("/playground/", { permissions: ["clipboard-read", "clipboard-write"] });
    await pick(page, ACL);
    await lessonOf(page).getByRole("button", { name: "Leave lesson" }).click();
    await lessonOf(page).waitFor({ state: "detached" });

    await page.getByRole("button", { name: "Lessons", exact: true }).click();
    await page.getByRole("dialog", { name: "Lessons" }).getByRole("button", { name: "Make a lesson" }).click();
    const form = page.getByRole("dialog", { name: "Make a lesson" });
    assert.equal(await page.evaluate(() => document.activeElement?.id), "lesson-title", "focus on Title");

    // Nothing to share without a title and an objective.
    await form.getByRole("button", { name: "Copy lesson link" }).click();
    await form.getByRole("status").getByText("Give the lesson a title.").waitFor();
    await form.getByLabel("Title", { exact: true }).fill("The hanging telnet");
    await form.getByRole("button", { name: "Copy lesson link" }).click();
    await form.getByRole("status").getByText("Add at least one objective.").waitFor();

    await form.getByLabel("Introduction").fill("Make `telnet web 80` from the laptop connect, and keep SSH shut.");
    await form.getByLabel("From", { exact: true }).selectOption("laptop");
    await form.getByLabel("To", { exact: true }).selectOption("web");
    await form.getByLabel("Port", { exact: true }).fill("80");
    await form.getByLabel("Expect").selectOption("established");
    await form.getByRole("button", { name: "Add objective" }).click();
    await form.getByLabel("Port", { exact: true }).fill("22");
    await form.getByLabel("Expect").selectOption("blocked");
    await form.getByRole("button", { name: "Add objective" }).click();
    await form.getByRole("listitem").filter({ hasText: "My laptop reaches web on tcp/80" }).waitFor();
    await form.getByRole("listitem").filter({ hasText: "My laptop cannot reach web on tcp/22" }).waitFor();
    await form.getByLabel("Hints, one per line").fill("Look where the reply stops.\nNetwork ACLs are stateless.");
    await form.getByLabel("Success message").fill("The reply finds its way back.");
    await form.getByRole("button", { name: "Copy lesson link" }).click();
    await form.getByRole("status").getByText("Lesson link copied. Anyone who opens it gets this lesson.").waitFor();
    const link = await form.getByLabel("Lesson link").inputValue();
    assert.ok(link.startsWith(new URL("/playground/#l=2.", server.url).href), link);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link, "the link is on the clipboard");
    await page.screenshot({ path: join(shots, "lesson-author.png") });

    // Try it: lesson mode with the new lesson, here.
    await form.getByRole("button", { name: "Try it" }).click();
    await form.waitFor({ state: "detached" });
    await lessonOf(page).getByRole("heading", { name: "The hanging telnet", exact: true }).waitFor();
    await lessonOf(page).getByRole("status").getByText("1 of 2 done", { exact: true }).waitFor();
    await page.reload();
    await lessonOf(page).getByRole("heading", { name: "The hanging telnet", exact: true }).waitFor();
    assert.deepEqual(consoleErrors(errors), [], "console errors");
    await context.close();

    // A fresh browser (no saved work) opens the link in lesson mode.
    const fresh = await open(link);
    const lesson = lessonOf(fresh.page);
    await lesson.getByRole("heading", { name: "The hanging telnet", exact: true }).waitFor();
    await lesson.getByRole("status").getByText("1 of 2 done", { exact: true }).waitFor();
    assert.match(await lesson.locator(".lesson-intro").innerHTML(), /<code>telnet web 80<\/code>/);
    assert.match(await item(fresh.page, "My laptop reaches web on tcp/80").textContent(), /^✗not yet: /);
    assert.match(await item(fresh.page, "My laptop cannot reach web on tcp/22").textContent(), /^✓done: /);
    await partOn(fresh.page, "web").waitFor();
    await lesson.getByRole("button", { name: "Show a hint" }).click();
    await lesson.getByText("Look where the reply stops.").waitFor();
    assert.deepEqual(consoleErrors(fresh.errors), [], "console errors");
    await fresh.context.close();
  });

  test("a damaged lesson link says why and keeps the saved work", async () => {
    const { page, context } = await open("/");
    await page.getByRole("region", { name: "Palette" }).getByRole("button", { name: "VPC", exact: true }).press("Enter");
    await partOn(page, "vpc-1").waitFor();
    await page.waitForFunction(() => (localStorage.getItem("vpc-playground.autosave") || "").includes("vpc-1"));
    await page.goto(new URL("/#l=2.this-is-not-a-lesson", server.url).href);
    await page.reload();
    await statusOf(page).getByText(/^This lesson link could not be opened: .+\. Your own work is shown instead\.$/).waitFor();
    await partOn(page, "vpc-1").waitFor();
    assert.equal(await lessonOf(page).count(), 0, "not in lesson mode");
    await context.close();
  });

  test("Undo right after a lesson starts brings the user's network back and leaves lesson mode", async () => {
    const mine = JSON.parse(readFileSync(join(repo, "src", "templates", "small-service.json"), "utf8"));
    const { page, context, errors } = await open(`/#${link(mine)}`);
    await partOn(page, "nginx").waitFor();
    await pick(page, ACL);
    await partOn(page, "nginx").waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Undo", exact: true }).click();
    await partOn(page, "nginx").waitFor();
    await lessonOf(page).waitFor({ state: "detached" });
    assert.equal(await lessonOf(page).count(), 0, "lesson mode is left");
    await page.waitForFunction(() => localStorage.getItem("vpc-playground.lesson") === null);
    await page.screenshot({ path: join(shots, "lesson-undo-start.png") });
    assert.deepEqual(consoleErrors(errors), []);
    await context.close();
  });
});
