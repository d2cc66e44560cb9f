// End-to-end tests of the traffic panel on the release build (dist/): sending flows, the
// verdict, the animation on the canvas, the event list, the console and the reachability view.
// Scenarios are opened through share links built here (#s=1.<base64url of raw DEFLATE>).
//
// Also measures, and prints, two figures: the time from an edit to the updated verdict on a
// 200-part scenario, and frame times with 20 flows animating.
//
// Run: node --test tests/e2e/traffic.test.mjs   (after `trunk build --release --offline`)

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateRawSync } from "node:zlib";
import { chromium } from "playwright-core";
import { startServer } from "./serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..");
const dist = process.env.DIST_DIR ?? join(repo, "dist");
const artifacts = join(here, "artifacts");
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** The share-link fragment of a scenario object. */
function link(scenario) {
  const json = JSON.stringify(scenario);
  return "#s=1." + deflateRawSync(Buffer.from(json, "utf8")).toString("base64url");
}

const webDb = JSON.parse(readFileSync(join(repo, "tests", "data", "web-db.json"), "utf8"));

/** A copy of the web-db scenario changed by `edit`. */
function edited(edit) {
  const s = structuredClone(webDb);
  edit(s);
  return s;
}

/** web-sg without its HTTPS rule. */
const noHttpsRule = edited((s) => {
  s.security_groups.find((g) => g.id === "sg-web").inbound.splice(0, 1);
});

/** web-acl without its outbound rule for the clients' ephemeral ports. */
const noEphemeralRule = edited((s) => {
  const acl = s.network_acls.find((a) => a.id === "acl-web");
  acl.outbound = acl.outbound.filter((r) => r.number !== 100);
});

/**
 * A scenario of about 200 parts, laid out: a VPC with 4 public and 4 private subnets, 176
 * instances (web tier in public subnets, app tier in private ones), an internet gateway, a
 * laptop. `openSsh` adds SSH from anywhere to the web tier (the "edit").
 */
function large({ openSsh = false } = {}) {
  const s = {
    version: 1,
    name: "Large: 200 parts",
    vpcs: [{ id: "vpc-big", name: "big", cidrs: ["10.0.0.0/16"] }],
    subnets: [],
    route_tables: [
      { id: "rtb-main", name: "main", vpc: "vpc-big", main: true },
      { id: "rtb-pub", name: "public-rt", vpc: "vpc-big", subnets: [],
        routes: [{ destination: { cidr: "0.0.0.0/0" }, target: { internet_gateway: "igw-big" } }] },
    ],
    network_acls: [
      { id: "acl-big", name: "big-acl", vpc: "vpc-big", default: true,
        inbound: [{ number: 100, protocol: "all", cidr: "0.0.0.0/0", action: "allow" }],
        outbound: [{ number: 100, protocol: "all", cidr: "0.0.0.0/0", action: "allow" }] },
    ],
    security_groups: [
      { id: "sg-web", name: "web-sg", vpc: "vpc-big",
        inbound: [{ protocol: "tcp", ports: "443", peer: { cidr: "0.0.0.0/0" } }],
        outbound: [{ protocol: "all", peer: { cidr: "0.0.0.0/0" } }] },
      { id: "sg-app", name: "app-sg", vpc: "vpc-big",
        inbound: [{ protocol: "tcp", ports: "8080", peer: { group: "sg-web" } }],
        outbound: [{ protocol: "all", peer: { cidr: "0.0.0.0/0" } }] },
    ],
    instances: [],
    internet_gateways: [{ id: "igw-big", name: "igw", vpc: "vpc-big" }],
    internet_hosts: [{ id: "laptop", name: "My laptop", ip: "203.0.113.10", os: "linux" }],
    layout: {
      laptop: { x: 10, y: 170 },
      "igw-big": { x: 92, y: 170 },
      "vpc-big": { x: 120, y: 10, w: 650, h: 380 },
    },
  };
  if (openSsh) {
    s.security_groups[0].inbound.push({ protocol: "tcp", ports: "22", peer: { cidr: "0.0.0.0/0" } });
  }
  for (let k = 0; k < 8; k++) {
    const pub = k < 4;
    const id = `${pub ? "pub" : "priv"}-${k}`;
    s.subnets.push({ id, name: id, vpc: "vpc-big", az: `ap-northeast-2${"ab"[k % 2]}`, cidr: `10.0.${k}.0/24` });
    if (pub) s.route_tables[1].subnets.push(id);
    const col = k % 4;
    const row = pub ? 0 : 1;
    const box = { x: 140 + col * 157, y: 24 + row * 184, w: 145, h: 170 };
    s.layout[id] = box;
    for (let i = 0; i < 22; i++) {
      const name = `${pub ? "web" : "app"}-${k}-${i}`;
      s.instances.push({
        id: name, name, role: pub ? "web" : "app", listens: pub ? [443, 22] : [8080],
        interfaces: [{
          id: `eni-${name}`, subnet: id, private_ip: `10.0.${k}.${10 + i}`,
          ...(pub ? { public_ip: `54.180.${k}.${10 + i}` } : {}),
          security_groups: [pub ? "sg-web" : "sg-app"],
        }],
      });
      s.layout[name] = { x: box.x + 8 + (i % 4) * 22, y: box.y + 10 + Math.floor(i / 4) * 24 };
    }
  }
  return s;
}

let server;
let browser;

before(async () => {
  assert.ok(existsSync(join(dist, "index.html")), `no release build in ${dist}`);
  mkdirSync(artifacts, { recursive: true });
  server = await startServer({ root: dist });
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the app on `scenario` in a fresh 1280x800 page, recording console errors. */
async function open(scenario, { reducedMotion = "no-preference" } = {}) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, reducedMotion });
  const errors = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(String(err)));
  await page.goto(server.url + link(scenario));
  const traffic = page.getByRole("region", { name: "Traffic" });
  await traffic.getByLabel("From", { exact: true }).waitFor();
  return { page, errors, traffic };
}

/** Chooses the flow in the form and presses Send. */
async function send(traffic, { from, to, preset }) {
  await traffic.getByLabel("From", { exact: true }).selectOption(from);
  await traffic.getByLabel("To", { exact: true }).selectOption(to);
  if (preset) await traffic.getByRole("button", { name: preset, exact: true }).click();
  await traffic.getByRole("button", { name: "Send", exact: true }).click();
}

/** Opens another link in the same page (as pasting it would): the app re-traces the flows. */
async function openLink(page, scenario) {
  await page.evaluate((hash) => { location.hash = hash; }, link(scenario));
}

/** Runs a console command. */
async function run(traffic, line) {
  const input = traffic.getByLabel("Console", { exact: true });
  await input.fill(line);
  await input.press("Enter");
}

describe("traffic panel", () => {
  test("HTTPS from the internet to the web server is established and animates", async () => {
    const { page, errors, traffic } = await open(webDb);
    const status = traffic.getByRole("status");
    assert.equal(await status.getAttribute("aria-live"), "polite");
    await send(traffic, { from: "laptop", to: "web", preset: "HTTPS 443" });
    await status.getByText(/Established: My laptop reached web on tcp\/443/).waitFor();

    // The packet moves along the path while playing.
    const packet = page.locator(".packets .packet").first();
    await page.waitForTimeout(1500);
    const a = await packet.getAttribute("transform");
    await page.waitForTimeout(250);
    const b = await packet.getAttribute("transform");
    assert.notEqual(a, b, "the packet moves");
    await page.screenshot({ path: join(artifacts, "traffic-mid-flight.png") });

    // Hops turn green as the packet passes; the list has one row per hop plus the source.
    const rows = traffic.getByRole("row");
    assert.equal(await rows.count(), 1 + 1 + 9, "header, source and 9 hops");
    await page.getByRole("button", { name: "Pause" }).click();
    assert.ok(await page.getByRole("button", { name: "Play" }).isVisible());
    assert.deepEqual(errors, [], "console errors");
    await page.close();
  });

  test("removing the security group rule drops the flow at web-sg", async () => {
    const { page, errors, traffic } = await open(webDb);
    const status = traffic.getByRole("status");
    await send(traffic, { from: "laptop", to: "web", preset: "HTTPS 443" });
    await status.getByText(/Established/).waitFor();
    // The edit: the same scenario without web-sg's HTTPS rule. The flow is traced again.
    await openLink(page, noHttpsRule);
    await status
      .getByText("Dropped: security group web-sg has no inbound rule allowing tcp/443 from 203.0.113.10.")
      .waitFor();
    // Jump to the end: the drop marker, the red hop and the outlined part.
    await traffic.getByRole("row").last().click();
    await page.locator(".packets .drop-marker").waitFor();
    assert.equal(await page.locator(".packets .part-outline.blocked").count(), 1);
    assert.ok((await page.locator(".packets .hop.bad").count()) >= 1);
    assert.match(await page.locator(".packets .drop-label").textContent(), /web-sg: no matching rule/);
    await page.screenshot({ path: join(artifacts, "traffic-drop.png") });
    assert.deepEqual(errors, [], "console errors");
    await page.close();
  });

  test("breaking the ACL's ephemeral outbound rule drops the reply", async () => {
    const { page, traffic } = await open(noEphemeralRule);
    await send(traffic, { from: "laptop", to: "web", preset: "HTTPS 443" });
    await traffic
      .getByRole("status")
      .getByText(
        "Dropped on the way back: network ACL web-acl has no outbound rule allowing the reply to the client's port 49152-65535.",
      )
      .waitFor();
    const last = traffic.getByRole("row").last();
    assert.match(await last.innerText(), /web-acl[\s\S]*← back[\s\S]*deny[\s\S]*\*/);
    await page.close();
  });

  test("the event list steps like a debugger, by mouse and keyboard", async () => {
    const { page, traffic } = await open(webDb);
    await send(traffic, { from: "web", to: "db", preset: "PostgreSQL 5432" });
    await traffic.getByRole("status").getByText(/Established: web reached db on tcp\/5432/).waitFor();
    const row = traffic.getByRole("row", { name: /db-sg/ }).first();
    await row.click();
    assert.equal(await row.getAttribute("aria-selected"), "true");
    assert.ok(await page.getByRole("button", { name: "Play" }).isVisible(), "clicking pauses");
    const detail = await page.locator(".hop-detail").textContent();
    assert.match(detail, /inbound rule #1 of db-sg allows tcp\/5432/);
    await row.press("ArrowDown");
    const selected = traffic.locator("tr[aria-selected=true]");
    assert.match(await selected.innerText(), /deliver/);
    await selected.press("Home");
    assert.match(await traffic.locator("tr[aria-selected=true]").innerText(), /sends/);
    await page.getByRole("button", { name: "Step forward" }).click();
    await page.getByRole("button", { name: "Step forward" }).click();
    assert.match(await page.locator(".step-count").textContent(), /Step 2 of/);
    await page.screenshot({ path: join(artifacts, "traffic-events.png") });
    await page.close();
  });

  test("the console answers like telnet, curl, ping and ssh", async () => {
    const { page, traffic } = await open(webDb);
    const log = traffic.getByRole("log");
    const input = traffic.getByLabel("Console", { exact: true });
    assert.match(await input.getAttribute("placeholder"), /runs from the part chosen in From/);

    await traffic.getByLabel("From", { exact: true }).selectOption("web");
    await run(traffic, "telnet db 5432");
    await log.getByText("Connected to 10.0.1.20.").waitFor();
    await traffic.getByRole("status").getByText(/Established: web reached db/).waitFor();

    await traffic.getByLabel("From", { exact: true }).selectOption("laptop");
    await run(traffic, "telnet db 5432");
    await log.getByText("telnet: Unable to connect to remote host: Connection timed out").waitFor();
    await run(traffic, "curl https://web");
    await log.getByText("HTTP/1.1 200 OK").waitFor();
    await run(traffic, "ssh web");
    await log.getByText("ssh: connect to host web port 22: Connection timed out").waitFor();
    await run(traffic, "ping 54.180.0.10");
    await log.getByText("Request timeout for icmp_seq 1").waitFor();
    await run(traffic, "nc web 80");
    await log.getByText(/nc: command not found/).waitFor();
    await page.close();
  });

  test("the reachability view shows who reaches whom", async () => {
    const { page, errors, traffic } = await open(webDb);
    await traffic.getByRole("tab", { name: "Reachability" }).click();
    const table = traffic.getByRole("table", { name: /Who reaches whom/ });
    await table.waitFor();
    const headers = await table.getByRole("columnheader").allInnerTexts();
    assert.ok(headers.includes("web") && headers.includes("db") && headers.includes("My laptop"), headers.join("|"));
    const laptopRow = table.getByRole("row", { name: /^My laptop/ });
    assert.match(await laptopRow.innerText(), /443/);
    // Toggling a port chip recomputes.
    await traffic.getByRole("group", { name: "Ports to check" }).getByRole("button", { name: "HTTP 80" }).click();
    await table.locator(".mark", { hasText: "80" }).first().waitFor();
    await page.screenshot({ path: join(artifacts, "traffic-reachability.png") });
    assert.deepEqual(errors, [], "console errors");
    await page.close();
  });

  test("with reduced motion the packet jumps from hop to hop", async () => {
    const { page, traffic } = await open(webDb, { reducedMotion: "reduce" });
    await send(traffic, { from: "laptop", to: "web", preset: "HTTPS 443" });
    const seen = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const out = new Set();
          const started = performance.now();
          const look = () => {
            const p = document.querySelector(".packets .packet");
            if (p) out.add(p.getAttribute("transform"));
            if (performance.now() - started < 2500) requestAnimationFrame(look);
            else resolve([...out]);
          };
          requestAnimationFrame(look);
        }),
    );
    const spots = await page.evaluate(() => {
      const pts = [...document.querySelectorAll(".packets .hop")].map(
        (c) => `${Number(c.getAttribute("cx")).toFixed(1)} ${Number(c.getAttribute("cy")).toFixed(1)}`,
      );
      const route = document.querySelector(".packets .route").getAttribute("points").trim().split(/\s+/);
      return [...pts, ...route.map((p) => p.replace(",", " "))];
    });
    for (const t of seen) {
      const xy = t.replace(/^translate\(|\)$/g, "");
      assert.ok(spots.includes(xy), `packet at ${xy} is at a hop`);
    }
    assert.ok(seen.length >= 2, "it moved between hops");
    await page.close();
  });
});

describe("figures", () => {
  test("edit to updated verdict on a 200-part scenario, and frame times with 20 flows", async () => {
    const scenario = large();
    const parts = scenario.instances.length + scenario.subnets.length + 1 + 1 + 1 +
      scenario.security_groups.length + scenario.route_tables.length + scenario.network_acls.length;
    const { page, errors, traffic } = await open(scenario);
    const status = traffic.getByRole("status");

    // 20 flows at once.
    for (let i = 0; i < 20; i++) {
      const k = i % 4;
      if (i % 2 === 0) {
        await send(traffic, { from: "laptop", to: `web-${k}-${i}`, preset: "SSH 22" });
      } else {
        await send(traffic, { from: `web-${k}-${i}`, to: `app-${4 + k}-${i}`, preset: "HTTPS 443" });
      }
    }
    assert.equal(await page.locator(".packets .flow").count(), 20);
    await traffic.getByLabel("From", { exact: true }).selectOption("laptop");
    await send(traffic, { from: "laptop", to: "web-0-0", preset: "SSH 22" });
    await status.getByText(/Dropped: security group web-sg has no inbound rule allowing tcp\/22/).waitFor();

    // Frame times while 20 flows animate.
    await page.getByRole("button", { name: "Pause" }).click();
    await page.getByRole("button", { name: "Play" }).click();
    const frames = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const deltas = [];
          let last = null;
          const tick = (t) => {
            if (last !== null) deltas.push(t - last);
            last = t;
            if (deltas.length < 180) requestAnimationFrame(tick);
            else resolve(deltas);
          };
          requestAnimationFrame(tick);
        }),
    );
    frames.sort((x, y) => x - y);
    const mean = frames.reduce((x, y) => x + y, 0) / frames.length;
    const p95 = frames[Math.floor(frames.length * 0.95)];
    const fps = 1000 / mean;

    // The edit: SSH opened to the web tier. Time from the new scenario to the new verdict.
    const timing = await page.evaluate(async (hash) => {
      const status = document.querySelector(".traffic [role=status]");
      const before = status.textContent;
      const changed = new Promise((resolve) => {
        new MutationObserver(() => {
          if (status.textContent !== before) resolve(performance.now());
        }).observe(status, { childList: true, subtree: true, characterData: true });
      });
      const start = performance.now();
      location.hash = hash;
      const end = await changed;
      const section = document.querySelector("section.traffic");
      return {
        total: end - start,
        recompute: Number(section.dataset.recomputeMs),
        compile: Number(section.dataset.compileMs),
      };
    }, link(large({ openSsh: true })));
    await status.getByText(/Established: My laptop reached web-0-0 on tcp\/22/).waitFor();

    console.log(
      `FIGURES parts=${parts} flows=21 ` +
        `recompute(21 flows)=${timing.recompute.toFixed(2)}ms (compile ${timing.compile.toFixed(2)}ms) ` +
        `link-to-verdict(decode+load+trace+render)=${timing.total.toFixed(1)}ms ` +
        `frames: mean=${mean.toFixed(2)}ms p95=${p95.toFixed(2)}ms max=${frames[frames.length - 1].toFixed(2)}ms fps=${fps.toFixed(1)}`,
    );
    assert.ok(timing.recompute < 50, `recompute took ${timing.recompute} ms`);
    assert.ok(p95 < 50, `p95 frame time ${p95} ms`);
    await page.screenshot({ path: join(artifacts, "traffic-20-flows.png") });
    assert.deepEqual(errors, [], "console errors");
    await page.close();
  });
});
