// End-to-end test of the suggested fix in the traffic panel (release build in dist/), in headless
// Chromium at 1280x800: a flow dropped by a security group shows the engine's fix in words with
// an "Apply fix" button; applying it turns the verdict established, and Undo brings the drop
// back. The same in Korean.
//
// Run: node --test tests/e2e/fix.test.mjs   (after `trunk build --release --offline`)

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { link } from "./browser.mjs";
import { appUnderTest, artifacts } from "./app.mjs";

const app = appUnderTest();

/** `web` in a public subnet, listening on 443, behind a group with no inbound rule. */
const scenario = {
  version: 1,
  name: "closed group",
  vpcs: [{ id: "vpc", name: "vpc", cidrs: ["10.0.0.0/16"] }],
  subnets: [{ id: "pub", name: "pub", vpc: "vpc", az: "ap-northeast-2a", cidr: "10.0.0.0/24" }],
  route_tables: [
    { id: "rt", name: "public-rt", vpc: "vpc", main: true, subnets: ["pub"],
      routes: [{ destination: { cidr: "0.0.0.0/0" }, target: { internet_gateway: "igw" } }] },
  ],
  security_groups: [
    { id: "sg-web", name: "web-sg", vpc: "vpc", inbound: [], outbound: [{ protocol: "all", peer: { cidr: "0.0.0.0/0" } }] },
  ],
  instances: [
    { id: "web", name: "web", role: "web", listens: [443],
      interfaces: [{ id: "eni-web", subnet: "pub", private_ip: "10.0.0.10", public_ip: "54.180.30.10", security_groups: ["sg-web"] }] },
  ],
  internet_gateways: [{ id: "igw", name: "igw", vpc: "vpc" }],
  internet_hosts: [{ id: "internet", name: "Internet", ip: "198.51.100.20" }],
};

async function open(lang) {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: lang });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (err) => errors.push(String(err)));
  page.on("console", (msg) => msg.type() === "error" && errors.push(msg.text()));
  await page.goto(new URL(`/#${link(scenario)}`, app.server.url).href);
  await page.getByRole("application", { name: lang === "en" ? "Canvas" : "캔버스" }).waitFor();
  return { page, context, errors };
}

const words = {
  en: { traffic: "Traffic", from: "From", to: "To", protocol: "Protocol", port: "Port", send: "Send",
    apply: "Apply fix", undo: "Undo", dropped: /^Dropped/, established: /^Established/,
    fix: "Add an inbound rule tcp/443 from 0.0.0.0/0 to web-sg", waits: /times out/ },
  ko: { traffic: "트래픽", from: "출발지", to: "목적지", protocol: "프로토콜", port: "포트", send: "보내기",
    apply: "수정 적용", undo: "실행 취소", dropped: /^차단됨/, established: /^연결 성공/,
    fix: "web-sg에 인바운드 규칙 tcp/443 (소스 0.0.0.0/0)을 추가하세요", waits: /시간이 초과/ },
};

describe("suggested fix", () => {
  for (const lang of ["en", "ko"]) {
    test(`a dropped flow offers a fix; Apply fix establishes it; Undo drops it again (${lang})`, async () => {
      const w = words[lang];
      const { page, context, errors } = await open(lang);
      const traffic = page.getByRole("region", { name: w.traffic });
      await traffic.getByLabel(w.from, { exact: true }).selectOption("internet");
      await traffic.getByLabel(w.to, { exact: true }).selectOption("web");
      await traffic.getByLabel(w.protocol).selectOption("tcp");
      await traffic.getByLabel(w.port, { exact: true }).fill("443");
      await traffic.getByRole("button", { name: w.send, exact: true }).click();
      const status = traffic.getByRole("status");
      await status.getByText(w.dropped).waitFor();
      assert.match(await status.innerText(), w.waits);

      const offer = traffic.locator(".fix-offer");
      await offer.getByText(w.fix, { exact: true }).waitFor();
      await page.screenshot({ path: join(artifacts, `fix-offered-${lang}.png`) });
      await offer.getByRole("button", { name: w.apply }).click();
      await status.getByText(w.established).waitFor();
      assert.equal(await offer.count(), 0, "no fix offered for an established flow");
      await page.screenshot({ path: join(artifacts, `fix-applied-${lang}.png`) });

      await page.getByRole("button", { name: w.undo, exact: true }).click();
      await status.getByText(w.dropped).waitFor();
      await offer.getByText(w.fix, { exact: true }).waitFor();
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});
