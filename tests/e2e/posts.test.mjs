// End-to-end tests that build each blog post's network (../shared/seeds) from an empty canvas,
// as a trainer would: only the palette, the canvas and the inspector, found by accessible names
// (post 003 in Korean, the others in English), counting every action; then the post's flows are
// sent and must get the verdicts the post implies. The action counts are printed and bounded.
//
// Run: node --test tests/e2e/posts.test.mjs   (after `trunk build --release --offline`)

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { appUnderTest, artifacts } from "./app.mjs";
import { Builder, hops } from "./build.mjs";

const app = appUnderTest();

/** An empty canvas at 1280x800 in `lang`. */
async function open(lang) {
  const context = await app.browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: lang === "ko" ? "ko-KR" : "en-US",
  });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (err) => errors.push(String(err)));
  page.on("console", (msg) => msg.type() === "error" && errors.push(msg.text()));
  await page.goto(app.server.url);
  const b = new Builder(page, lang);
  await b.canvas.waitFor();
  return { page, context, errors, b };
}

describe("every post's network, built from an empty canvas", () => {
  test("post 000 (service, PostGIS, memcached): one EC2 split into three, groups admitting only the service's", async () => {
    const { page, context, errors, b } = await open("en");
    const w = b.w;

    // The VPC with its internet gateway, a public subnet for the service, a private one behind.
    await b.drag("vpc", 80, 60);
    const vpc = await b.box("vpc-1");
    const igw = await b.drag("igw", vpc.width / 2, 2, vpc);
    const pub = await b.drag("subnet", 170, 150, null, "vpc-1");
    const priv = await b.drag("subnet", vpc.width - 170, 150, null, "vpc-1");
    await b.select(pub);
    await b.tab(w.routes);
    await b.click(w.makePublic);

    // EC2 1: service + nginx + certbot, listening on 22, 80 and 443 (a new EC2's ports), which
    // its group takes from anywhere (the rule form's 0.0.0.0/0).
    await b.drag("ec2", 80, 90, null, pub);
    await b.tab(w.details);
    await b.rename("service");
    await b.choose(w.role, "app");
    await b.tab(w.groups);
    await b.inbound("service-sg", { ports: "22, 80, 443" });

    // EC2 2 and 3: PostGIS and memcached, each admitting 22 and its port from the service's
    // group only, and sending out on that port only.
    for (const [name, port, out] of [["postgis", 5432, { type: "postgres" }], ["memcached", 11211, { protocol: "tcp", ports: "11211" }]]) {
      await b.drag("ec2", name === "postgis" ? 80 : 200, 90, null, priv);
      await b.tab(w.details);
      await b.rename(name);
      await b.choose(w.role, "generic");
      await b.fill(w.listening, `22, ${port}`);
      await b.tab(w.groups);
      await b.inbound(`${name}-sg`, { ports: `22, ${port}`, source: "service-sg" });
      await b.editRule(`${name}-sg`, 0, out, true);
    }
    const built = b.actions;
    await page.screenshot({ path: join(artifacts, "post-000-built.png") });

    // The outbound rules the post lists: each back end sends on its port only.
    for (const [name, port] of [["postgis", 5432], ["memcached", 11211]]) {
      await b.select(name);
      const group = b.group(`${name}-sg`);
      await group.getByRole("button", { name: w.outboundRules, exact: true }).click();
      // The rules, without the implicit deny every group ends with.
      const rows = await group.getByRole("table").locator("tbody tr:not(.implicit)").allInnerTexts();
      const text = rows.map((r) => r.replace(/[✎×]/g, "").replace(/\s+/g, " ").trim());
      assert.deepEqual(text, [`tcp ${port} 0.0.0.0/0`], `${name}'s egress is ${port} only`);
    }

    // From outside only the service answers; the service reaches PostGIS and memcached.
    const internet = await b.add("internet");
    assert.match(await b.send(internet, "service", 443), w.established, "internet → service 443");
    assert.match(await b.send(internet, "service", 22), w.established, "internet → service 22");
    assert.match(await b.send(internet, "postgis", 5432), w.notEstablished, "internet → PostGIS 5432");
    assert.match(await b.send(internet, "memcached", 11211), w.notEstablished, "internet → memcached 11211");
    assert.match(await b.send("service", "postgis", 5432), w.established, "service → PostGIS 5432");
    assert.match(await b.send("service", "memcached", 11211), w.established, "service → memcached 11211");
    assert.match(await b.send("service", "postgis", 22), w.established, "service → PostGIS 22");
    assert.match(await b.send("memcached", "postgis", 5432), w.notEstablished, "memcached → PostGIS 5432 (not the service's group)");
    await page.screenshot({ path: join(artifacts, "post-000-flows.png") });

    console.log(`post 000: built in ${built} actions (${igw})`);
    assert.ok(built <= 41, `post 000 took ${built} actions`);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("post 001 (refactored web): ALB to webapp, API and admin; Aurora writer and reader, Redis, RabbitMQ, batch; a NAT gateway", async () => {
    const { page, context, errors, b } = await open("en");
    const w = b.w;

    // web-vpc: public, app and data subnets in zones a and c (the later rows go where there is
    // room); the public pair routes to the internet gateway, the app pair to the NAT gateway.
    await b.drag("vpc", 80, 60);
    const vpc = await b.box("vpc-1");
    const igw = await b.drag("igw", vpc.width / 2, 2, vpc);
    const [left, right] = [170, vpc.width - 170];
    const publicA = await b.drag("subnet", left, 150, null, "vpc-1");
    const publicC = await b.drag("subnet", right, 150, null, "vpc-1");
    const appA = await b.drag("subnet", left, 330, null, "vpc-1");
    const appC = await b.drag("subnet", right, 330, null, "vpc-1");
    const dataA = await b.drag("subnet", left, 330, null, "vpc-1");
    const dataC = await b.drag("subnet", right, 330, null, "vpc-1");
    await b.select(publicA);
    await b.tab(w.routes);
    await b.click(w.makePublic);
    await b.select(publicC);
    await b.click(w.makePublic);
    const nat = await b.drag("nat", 180, 80, null, publicA);
    for (const subnet of [appA, appC]) {
      await b.select(subnet);
      await b.click(w.viaNatGateway);
    }

    // The office, whose address alone reaches the admin listener.
    await b.add("internet");
    await b.rename("Office");
    await b.fill(w.hostIp, "203.0.113.50");

    // The containers: webapp (Nuxt, 3000) and admin (9000) in app-a; API (8080), channel
    // (WebSocket + RabbitMQ, 5672) and batch (no port) in app-c.
    const ec2s = [
      ["webapp", appA, "web", "3000"],
      ["admin", appA, "app", "9000"],
      ["api", appC, "app", "8080"],
      ["channel", appC, "generic", "5672"],
      ["batch", appC, "app", ""],
    ];
    for (const [name, subnet, role, ports] of ec2s) {
      await b.drag("ec2", 80, 90, null, subnet);
      await b.tab(w.details);
      await b.rename(name);
      if (role !== "web") await b.choose(w.role, role);
      await b.fill(w.listening, ports);
    }

    // The load balancer: HTTPS 443 to webapp on 3000, 8080 to the API, 9000 to admin.
    const alb = await b.drag("alb", 60, 90, null, publicA);
    await b.choose(w.listenerProtocol, "https", b.listener(0));
    const tgs = [`${alb}-targets`, `${alb}-tg`, `${alb}-tg-2`];
    await b.fill(w.targetPort, "3000", b.targetGroup(tgs[0]));
    await b.check("webapp", b.targetGroup(tgs[0]).getByRole("group", { name: w.targets }));
    for (const [k, port, target] of [[1, "8080", "api"], [2, "9000", "admin"]]) {
      await b.click(w.addListener);
      await b.fill(w.listenerPort, port, b.listener(k));
      await b.click(w.addTargetGroup);
      await b.choose(w.targetGroup, { label: tgs[k] }, b.listener(k));
      await b.fill(w.targetPort, port, b.targetGroup(tgs[k]));
      await b.check(target, b.targetGroup(tgs[k]).getByRole("group", { name: w.targets }));
    }
    // Its group: 443 and 8080 from anywhere (the new group's 80 becomes 8080), 9000 from the office.
    await b.tab(w.groups);
    await b.editRule(`${alb}-sg`, 0, { ports: "8080" });
    await b.inbound(`${alb}-sg`, { ports: "9000", source: "203.0.113.50/32" });

    // The containers' groups: each admits its port from the ALB; the API also from webapp;
    // RabbitMQ from webapp and the API.
    const admits = [
      ["webapp", "3000", [`${alb}-sg`]],
      ["admin", "9000", [`${alb}-sg`]],
      ["api", "8080", [`${alb}-sg`, "webapp-sg"]],
      ["channel", "5672", ["webapp-sg", "api-sg"]],
    ];
    for (const [name, ports, sources] of admits) {
      await b.select(name);
      for (const source of sources) await b.inbound(`${name}-sg`, { ports, source });
    }

    // Aurora's writer (data-a) and reader (data-c) endpoints share a group admitting 3306 from
    // webapp, API, admin and batch; Redis (data-a) admits 6379 from webapp and the API.
    await b.drag("rds", 80, 90, null, dataA);
    await b.tab(w.details);
    await b.rename("aurora-writer");
    await b.choose(w.engine, "aurora-mysql");
    await b.tab(w.groups);
    for (const source of ["webapp-sg", "api-sg", "admin-sg", "batch-sg"]) {
      await b.inbound("aurora-writer-sg", { type: "mysql", source });
    }
    await b.drag("rds", 80, 90, null, dataC);
    await b.tab(w.details);
    await b.rename("aurora-reader");
    await b.choose(w.engine, "aurora-mysql");
    await b.tab(w.groups);
    await b.check("aurora-writer-sg");
    await b.uncheck("aurora-reader-sg");
    await b.drag("cache", 200, 90, null, dataA);
    await b.tab(w.details);
    await b.rename("redis");
    await b.tab(w.groups);
    for (const source of ["webapp-sg", "api-sg"]) await b.inbound("redis-sg", { type: "redis", source });
    const built = b.actions;
    await page.screenshot({ path: join(artifacts, "post-001-built.png") });

    // The flows the post implies: everything from outside goes through the ALB.
    const internet = await b.add("internet");
    assert.match(await b.send(internet, alb, 443), w.established, "internet → ALB 443 (webapp)");
    assert.match(await hops(page, w), /webapp/, "443 is forwarded to webapp");
    assert.match(await b.send(internet, alb, 8080), w.established, "internet → ALB 8080 (API)");
    assert.match(await hops(page, w), /\bapi\b/, "8080 is forwarded to the API");
    assert.match(await b.send("Office", alb, 9000), w.established, "office → ALB 9000 (admin)");
    assert.match(await hops(page, w), /admin/, "9000 is forwarded to admin");
    assert.match(await b.send(internet, alb, 9000), w.notEstablished, "internet → ALB 9000");
    assert.match(await b.send(internet, alb, 80), w.notEstablished, "internet → ALB 80 (no listener, no rule)");
    assert.match(await b.send(internet, "api", 8080), w.notEstablished, "internet → API 8080 directly");
    assert.match(await b.send("webapp", "api", 8080), w.established, "webapp → API 8080");
    assert.match(await b.send("api", "aurora-writer", 3306), w.established, "API → Aurora writer 3306");
    assert.match(await b.send("api", "aurora-reader", 3306), w.established, "API → Aurora reader 3306");
    assert.match(await b.send("batch", "aurora-writer", 3306), w.established, "batch → Aurora writer 3306");
    assert.match(await b.send("api", "redis", 6379), w.established, "API → Redis 6379");
    assert.match(await b.send("batch", "redis", 6379), w.notEstablished, "batch → Redis 6379");
    assert.match(await b.send("webapp", "channel", 5672), w.established, "webapp → RabbitMQ 5672");
    assert.match(await b.send("admin", "channel", 5672), w.notEstablished, "admin → RabbitMQ 5672");
    assert.match(await b.send("batch", internet, 443), w.established, "batch → internet 443 via the NAT gateway");
    assert.match(await hops(page, w), new RegExp(nat), "the path names the NAT gateway");
    await page.screenshot({ path: join(artifacts, "post-001-flows.png") });

    console.log(`post 001: built in ${built} actions (${igw}, ${nat}, ${alb}, ${dataC})`);
    assert.ok(built <= 121, `post 001 took ${built} actions`);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("post 002 (hello-vpc): public, private and DB subnets, a bastion, two APIs, Redis and MySQL in the default group", async () => {
    const { page, context, errors, b } = await open("en");
    const w = b.w;

    // hello-vpc: the internet gateway, a public and a private subnet in zone a, the DB subnet in
    // zone c; only the public subnet routes to the internet gateway.
    await b.drag("vpc", 80, 60);
    const vpc = await b.box("vpc-1");
    const igw = await b.drag("igw", vpc.width / 2, 2, vpc);
    const pub = await b.drag("subnet", 170, 150, null, "vpc-1");
    const priv = await b.drag("subnet", 170, 330, null, "vpc-1");
    const db = await b.drag("subnet", vpc.width - 170, 330, null, "vpc-1");
    await b.select(pub);
    await b.tab(w.routes);
    await b.click(w.makePublic);

    // The post's laptop ("home IP"), then the bastion, redis-test, in the default group, which
    // opens 22, 8080 and 8081 to My IP and 22 to EC2 Instance Connect.
    const laptop = await b.add("laptop");
    const bastion = await b.drag("bastion", 60, 80, null, pub);
    await b.rename("redis-test");
    await b.tab(w.groups);
    await b.check("default");
    await b.uncheck("redis-test-sg");
    await b.inbound("default", { ports: "22, 8080, 8081", source: { value: "myip" } });
    await b.inbound("default", { ports: "22", source: "13.209.1.56/29" });

    // coupon-api (8080) and coupon-consumer (8081) in the public subnet, Redis in the private
    // subnet, MySQL in the DB subnet: all in the default group.
    const parts = [
      ["ec2", "coupon-api", pub, 180, "22, 8080"],
      ["ec2", "coupon-consumer", pub, 180, "22, 8081"],
      ["cache", "redis", priv, 80, null],
      ["rds", "mysql", db, 80, null],
    ];
    for (const [kind, name, subnet, x, ports] of parts) {
      await b.drag(kind, x, 90, null, subnet);
      await b.tab(w.details);
      await b.rename(name);
      if (ports) {
        await b.choose(w.role, "app");
        await b.fill(w.listening, ports);
      }
      await b.tab(w.groups);
      await b.check("default");
      await b.uncheck(`${name}-sg`);
    }
    const built = b.actions;
    await page.screenshot({ path: join(artifacts, "post-002-built.png") });

    // The bastion is the way in: from the laptop to it, from it to Redis and MySQL.
    const stranger = await b.add("internet");
    assert.match(await b.send(laptop, "redis-test", 22), w.established, "My laptop → bastion 22");
    assert.match(await b.send("redis-test", "mysql", 3306), w.established, "bastion → MySQL 3306");
    assert.match(await b.send("redis-test", "redis", 6379), w.established, "bastion → Redis 6379");
    assert.match(await b.send(laptop, "coupon-api", 8080), w.established, "My laptop → coupon-api 8080");
    assert.match(await b.send(laptop, "coupon-consumer", 8081), w.established, "My laptop → coupon-consumer 8081");
    assert.match(await b.send("coupon-api", "redis", 6379), w.established, "coupon-api → Redis 6379");
    assert.match(await b.send(stranger, "coupon-api", 8080), w.notEstablished, "someone else → coupon-api 8080");
    assert.match(await b.send(stranger, "redis-test", 22), w.notEstablished, "someone else → bastion 22");
    assert.match(await b.send(laptop, "mysql", 3306), w.notEstablished, "My laptop → MySQL 3306 directly");
    await page.screenshot({ path: join(artifacts, "post-002-flows.png") });

    console.log(`post 002: built in ${built} actions (${igw}, ${bastion}, ${db})`);
    assert.ok(built <= 51, `post 002 took ${built} actions`);
    assert.deepEqual(errors, []);
    await context.close();
  });

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
    assert.match(await hops(page, w), new RegExp(nat), "the path names the NAT instance");
    assert.match(await b.send(laptop, bastion, 22), w.established, "My laptop → bastion 22");
    await page.screenshot({ path: join(artifacts, "post-003-flows-ko.png") });

    console.log(`post 003 (Korean): built in ${built} actions (${igw}, ${nat}, ${alb})`);
    assert.ok(built <= 45, `post 003 took ${built} actions`);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("post 004 (ALB and Auto Scaling): an ALB on 80 to port 5000 of three instances, one unhealthy", async () => {
    const { page, context, errors, b } = await open("en");
    const w = b.w;

    // The VPC, its internet gateway and two public subnets in zones a and c.
    await b.drag("vpc", 80, 60);
    const vpc = await b.box("vpc-1");
    const igw = await b.drag("igw", vpc.width / 2, 2, vpc);
    const subnetA = await b.drag("subnet", 170, 150, null, "vpc-1");
    const subnetC = await b.drag("subnet", vpc.width - 170, 150, null, "vpc-1");
    await b.select(subnetA);
    await b.tab(w.routes);
    await b.click(w.makePublic);
    await b.select(subnetC);
    await b.tab(w.routes);
    await b.click(w.makePublic);

    // The load balancer: HTTP 80 only (its group drops the 443 rule), to port 5000.
    const alb = await b.drag("alb", 60, 90, null, subnetA);
    await b.tab(w.groups);
    await b.click(/^Remove inbound rule tcp 443 /, b.group(`${alb}-sg`));
    await b.tab(w.details);
    await b.fill(w.targetPort, "5000");

    // The first EC2 runs app.py on 5000; its group takes SSH from anywhere and 5000 from the ALB.
    const web = await b.drag("ec2", 180, 90, null, subnetA);
    await b.tab(w.details);
    await b.fill(w.listening, "22, 5000");
    await b.tab(w.groups);
    await b.inbound(`${web}-sg`, { type: "ssh" });
    await b.inbound(`${web}-sg`, { ports: "5000", source: `${alb}-sg` });

    // The Auto Scaling group's two instances, in the same group; on asg-2 app.py is not running.
    for (const [name, subnet, x, ports] of [["asg-1", subnetA, 180, "22, 5000"], ["asg-2", subnetC, 80, "22"]]) {
      await b.drag("ec2", x, 90, null, subnet);
      await b.tab(w.details);
      await b.rename(name);
      await b.fill(w.listening, ports);
      await b.tab(w.groups);
      await b.check(`${web}-sg`);
      await b.uncheck(`${name}-sg`);
    }

    // All three registered in the target group.
    await b.select(alb);
    await b.tab(w.details);
    const targets = b.inspector.getByRole("group", { name: w.targets });
    for (const name of [web, "asg-1", "asg-2"]) await b.check(name, targets);
    const built = b.actions;
    await page.screenshot({ path: join(artifacts, "post-004-built.png") });

    // The target list: two healthy, exactly one unhealthy (asg-2) with the reason.
    const items = targets.getByRole("listitem");
    await assert.doesNotReject(items.filter({ hasText: "asg-2" }).getByText("unhealthy on port 5000").waitFor());
    const health = (await items.allInnerTexts()).map((t) => t.replace(/\s+/g, " "));
    const unhealthy = health.filter((t) => /unhealthy on port 5000/.test(t));
    assert.equal(unhealthy.length, 1, `one unhealthy target: ${health.join(" | ")}`);
    console.log(`post 004: ${unhealthy[0]}`);
    assert.match(unhealthy[0], /asg-2/);
    assert.match(unhealthy[0], /unhealthy on port 5000 .*nothing on asg-2 listens on tcp\/5000/, "the unhealthy target says why");
    assert.equal(health.filter((t) => /(?<!un)healthy on port 5000/.test(t)).length, 2, health.join(" | "));

    const internet = await b.add("internet");
    assert.match(await b.send(internet, alb, 80), w.established, "internet → ALB 80");
    assert.match(await b.send(internet, alb, 443), w.notEstablished, "internet → ALB 443 (no listener, no rule)");
    assert.match(await b.send(internet, "asg-2", 5000), w.notEstablished, "internet → asg-2 5000 directly");
    assert.match(await b.send(internet, "asg-1", 22), w.established, "internet → asg-1 22");
    await page.screenshot({ path: join(artifacts, "post-004-flows.png") });

    console.log(`post 004: built in ${built} actions (${igw}, ${alb}, ${web})`);
    assert.ok(built <= 42, `post 004 took ${built} actions`);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
