// End-to-end tests that build each blog post's network (../shared/seeds) from an empty canvas,
// as a trainer would: only the palette, the canvas and the inspector, found by accessible names
// (post 003 in Korean), counting every action; then the post's flows are sent and must get the
// verdicts the post implies. The action counts are printed (and post 003's is bounded).
//
// Run: node --test tests/e2e/posts.test.mjs   (after `trunk build --release --offline`)

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "./browser.mjs";
import { startServer } from "./serve.mjs";
import { Builder } from "./build.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const dist = process.env.DIST_DIR ?? join(here, "..", "..", "dist");
const artifacts = join(here, "artifacts");

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

/** An empty canvas at 1280x800 in `lang`. */
async function open(lang) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: lang === "ko" ? "ko-KR" : "en-US",
  });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (err) => errors.push(String(err)));
  page.on("console", (msg) => msg.type() === "error" && errors.push(msg.text()));
  await page.goto(server.url);
  const b = new Builder(page, lang);
  await b.canvas.waitFor();
  return { page, context, errors, b };
}

describe("every post's network, built from an empty canvas", () => {
  test("post 003 (small service), in Korean: ALB 80/443 to nginx on 8080, bastion, NAT instance, MySQL on EC2", async () => {
    const { page, context, errors, b } = await open("ko");
    const w = b.w;

    // The VPC, two public subnets (the load balancer needs two zones), a private and a DB subnet.
    await b.drag("vpc", 80, 60);
    let vpc = await b.box("vpc-1");
    const igw = await b.drag("igw", vpc.width / 2, 2, vpc);
    const publicA = await b.drag("subnet", 170, 150, null, "vpc-1");
    const publicB = await b.drag("subnet", vpc.width - 170, 150, null, "vpc-1");
    const priv = await b.drag("subnet", 170, 330, null, "vpc-1");
    const db = await b.drag("subnet", vpc.width - 170, 330, null, "vpc-1");

    // The public subnets route 0.0.0.0/0 to the internet gateway.
    await b.select(publicA);
    await b.tab(w.routes);
    await b.click(w.makePublic);
    await b.select(publicB);
    await b.tab(w.routes);
    await b.click(w.makePublic);

    // The trainer's laptop first, so the bastion's SSH rule is "My IP"; the NAT instance, whose
    // group admits the VPC; the private subnets route to it.
    const laptop = await b.add("laptop");
    const bastion = await b.drag("bastion", 60, 80, null, publicA);
    const nat = await b.drag("natInstance", 180, 80, null, publicA);
    await b.select(priv);
    await b.tab(w.routes);
    await b.click(w.viaNatInstance);
    await b.select(db);
    await b.tab(w.routes);
    await b.click(w.viaNatInstance);

    // nginx (+ React + Spring) in the private subnet, MySQL on EC2 in the DB subnet.
    await b.drag("ec2", 80, 90, null, priv);
    await b.tab(w.details);
    await b.rename("nginx");
    await b.fill(w.listening, "22, 80, 443, 3000, 8080");
    await b.drag("ec2", 80, 90, null, db);
    await b.rename("mysql");
    await b.fill(w.listening, "22, 3306");

    // The load balancer: HTTP 80 and HTTPS 443 to nginx on 8080.
    const alb = await b.drag("alb", 230, 110, null, publicA);
    await b.click(w.addListener);
    await b.fill(w.targetPort, "8080");
    await b.check("nginx", b.inspector.getByRole("group", { name: w.targets }));

    // The post's security group tables.
    await b.select("nginx");
    await b.tab(w.groups);
    await b.inbound("nginx-sg", { ports: "8080, 3000, 80, 443", source: `${alb}-sg` });
    await b.inbound("nginx-sg", { type: "ssh", source: `${bastion}-sg` });
    await b.select("mysql");
    await b.inbound("mysql-sg", { type: "mysql", source: "nginx-sg" });
    await b.inbound("mysql-sg", { type: "ssh", source: `${bastion}-sg` });
    const built = b.actions;
    await page.screenshot({ path: join(artifacts, "post-003-built-ko.png") });

    // The flows the post implies.
    const internet = await b.add("internet");
    assert.match(await b.send(internet, alb, 443), w.established, "internet → ALB 443");
    assert.match(await b.send(internet, alb, 80), w.established, "internet → ALB 80");
    assert.match(await b.send(internet, "nginx", 8080), w.notEstablished, "internet → private EC2 8080");
    assert.match(await b.send(bastion, "mysql", 22), w.established, "bastion → DB EC2 22");
    assert.match(await b.send("nginx", "mysql", 3306), w.established, "nginx → MySQL 3306");
    assert.match(await b.send("nginx", internet, 443), w.established, "private EC2 → internet 443 via the NAT instance");
    const hops = await page.getByRole("region", { name: w.traffic }).innerText();
    assert.match(hops, new RegExp(nat), "the reply path names the NAT instance");
    assert.match(await b.send(laptop, bastion, 22), w.established, "My laptop → bastion 22");
    await page.screenshot({ path: join(artifacts, "post-003-flows-ko.png") });

    console.log(`post 003 (Korean): built in ${built} actions (${igw}, ${nat}, ${alb})`);
    assert.ok(built <= 45, `post 003 took ${built} actions`);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
