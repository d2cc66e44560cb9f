// A trainer's hands on the app, for the tests that build a blog post's network from an empty
// canvas: every gesture goes through the palette, the canvas or the inspector by accessible
// name, and is counted, so a test can report (and bound) how many actions a build takes.

/** The words of the UI the builder needs, in English and Korean (from src/ui/ko.rs). */
export const WORDS = {
  en: {
    canvas: "Canvas", palette: "Palette", inspector: "Inspector", traffic: "Traffic",
    from: "From", to: "To", protocol: "Protocol", port: "Port", send: "Send",
    fit: "Fit to screen", name: "Name", listening: "Listening ports", details: "Details", groups: "Security groups",
    routes: "Route table", type: "Type", portRange: "Port range", source: "Source",
    addInbound: "Add inbound rule", addListener: "Add listener", targetPort: "Target port",
    targets: "Targets", role: "Role", engine: "Engine", inboundRules: "Inbound rules", outboundRules: "Outbound rules",
    editRule: /^Edit (inbound|outbound) rule/, saveRule: "Save rule", addTargetGroup: "Add target group",
    targetGroup: "Target group", listenerPort: "Listener port", listenerProtocol: "Listener protocol",
    healthPath: "Health check path", hostIp: "Public IP address", makePublic: /^Make public/, viaNatInstance: /^Route 0\.0\.0\.0\/0 to NAT instance/,
    viaNatGateway: /^Route 0\.0\.0\.0\/0 to nat/, established: /^Established/,
    notEstablished: /^(Dropped|Refused|No route|Timed out|Not)/, verdict: /^(Established|Dropped|Refused|No route|Timed out|Not|Depends)/,
    parts: {
      vpc: "VPC", subnet: "Subnet", igw: "Internet gateway", nat: "NAT gateway", alb: "Application load balancer",
      ec2: "EC2 instance", bastion: "Bastion host", natInstance: "NAT instance", rds: "RDS database",
      cache: "ElastiCache", internet: "Internet", laptop: "My laptop",
    },
  },
  ko: {
    canvas: "캔버스", palette: "팔레트", inspector: "속성", traffic: "트래픽",
    from: "출발지", to: "목적지", protocol: "프로토콜", port: "포트", send: "보내기",
    fit: "화면에 맞추기", name: "이름", listening: "리슨 포트", details: "세부 정보", groups: "보안 그룹",
    routes: "라우팅 테이블", type: "유형", portRange: "포트 범위", source: "소스",
    addInbound: "인바운드 규칙 추가", addListener: "리스너 추가", targetPort: "대상 포트",
    targets: "대상", role: "역할", engine: "엔진", inboundRules: "인바운드 규칙", outboundRules: "아웃바운드 규칙",
    editRule: /(인바운드|아웃바운드) 규칙 .* 편집$/, saveRule: "규칙 저장", addTargetGroup: "대상 그룹 추가",
    targetGroup: "대상 그룹", listenerPort: "리스너 포트", listenerProtocol: "리스너 프로토콜",
    healthPath: "상태 검사 경로", hostIp: "퍼블릭 IP 주소", makePublic: /^퍼블릭으로 만들기/, viaNatInstance: /NAT 인스턴스 .*라우팅/,
    viaNatGateway: /^0\.0\.0\.0\/0을 nat/, established: /^연결 성공/,
    notEstablished: /^(차단됨|거부됨|돌아오는 길에 차단됨|경로 없음|라우팅)/, verdict: /^(연결 성공|차단됨|거부됨|돌아오는|경로|클라이언트|라우팅)/,
    parts: {
      vpc: "VPC", subnet: "서브넷", igw: "인터넷 게이트웨이", nat: "NAT 게이트웨이", alb: "애플리케이션 로드 밸런서",
      ec2: "EC2 인스턴스", bastion: "배스천 호스트", natInstance: "NAT 인스턴스", rds: "RDS 데이터베이스",
      cache: "ElastiCache", internet: "인터넷", laptop: "내 노트북",
    },
  },
};

/** Counts and performs a trainer's gestures on `page` in language `lang`. */
export class Builder {
  constructor(page, lang = "en") {
    this.page = page;
    this.w = WORDS[lang];
    this.actions = 0;
  }

  get canvas() { return this.page.getByRole("application", { name: this.w.canvas }); }
  get inspector() { return this.page.getByRole("region", { name: this.w.inspector }); }
  part(name) { return this.canvas.getByRole("button", { name, exact: true }); }

  /** Drags palette part `kind` (a key of WORDS.parts) to (dx, dy) from the top-left of `box`
   * (a bounding box in page pixels; the canvas's when absent); returns the new part's name. */
  async drag(kind, dx, dy, box, of) {
    this.actions++;
    const page = this.page;
    if (of) {
      // A part given by name, (dx, dy) in diagram units from its corner: fit the diagram to the
      // screen first if that point is out of view.
      const point = async () => {
        const z = await this.zoom();
        const b = await this.box(of);
        return [b.x + dx * z, b.y + dy * z];
      };
      const c = await this.canvas.boundingBox();
      let [x, y] = await point();
      if (x < c.x + 8 || y < c.y + 8 || x > c.x + c.width - 8 || y > c.y + c.height - 8) {
        this.actions++;
        await page.getByRole("button", { name: this.w.fit }).click();
        await page.waitForTimeout(150);
        [x, y] = await point();
      }
      box = { x: 0, y: 0 };
      [dx, dy] = [x, y];
    }
    const button = page.getByRole("region", { name: this.w.palette })
      .getByRole("button", { name: this.w.parts[kind], exact: true });
    const b = await button.boundingBox();
    const origin = box ?? (await this.canvas.boundingBox());
    const before = await this.partNames();
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width / 2 + 30, b.y + b.height / 2 + 10, { steps: 3 });
    await page.mouse.move(origin.x + dx, origin.y + dy, { steps: 8 });
    await page.mouse.up();
    // The new part is selected: its name heads the inspector.
    for (let i = 0; i < 50; i++) {
      const now = await this.partNames();
      const added = now.filter((n) => !before.includes(n));
      if (added.length) return added[0];
      await page.waitForTimeout(40);
    }
    const status = await page.locator(".canvas-status").innerText().catch(() => "");
    await page.screenshot({ path: new URL("./artifacts/failed-drop.png", import.meta.url).pathname });
    throw new Error(`dropping ${kind} at ${dx},${dy} added nothing: ${status}`);
  }

  /** Clicks palette part `kind`: it is added where the keyboard placement puts it (in the
   * selected container, or outside every VPC for hosts); returns the new part's name. */
  async add(kind) {
    this.actions++;
    const before = await this.partNames();
    await this.page.getByRole("region", { name: this.w.palette })
      .getByRole("button", { name: this.w.parts[kind], exact: true }).click();
    for (let i = 0; i < 50; i++) {
      const added = (await this.partNames()).filter((n) => !before.includes(n));
      if (added.length) return added[0];
      await this.page.waitForTimeout(40);
    }
    throw new Error(`adding ${kind} added nothing`);
  }

  /** The names of the parts on the canvas. */
  async partNames() {
    return this.canvas.locator("g[data-id][role=button]").evaluateAll((els) =>
      els.map((e) => e.getAttribute("aria-label") ?? "").filter(Boolean));
  }

  async box(name) { return this.part(name).boundingBox(); }

  /** The canvas's zoom (1 at 100%), from the zoom bar. */
  async zoom() {
    const text = await this.page.locator(".canvas-tools").innerText();
    return Number(text.match(/(\d+)%/)?.[1] ?? 100) / 100;
  }

  /** Clicks part `name` on the canvas (near its top-left corner, clear of what it holds),
   * fitting the diagram to the screen first (one more action) when that corner is out of view. */
  async select(name) {
    this.actions++;
    let box = await this.box(name);
    // Fit the diagram to the screen first if the corner to click is out of view.
    const c = await this.canvas.boundingBox();
    if (!box || box.x < c.x || box.y < c.y || box.x + 12 > c.x + c.width || box.y + 12 > c.y + c.height) {
      this.actions++;
      await this.page.getByRole("button", { name: this.w.fit }).click();
      await this.page.waitForTimeout(150);
      box = await this.box(name);
    }
    // A container by its top-left corner; a node by its icon (its label may be wider).
    const node = box.width < 150;
    await this.page.mouse.click(node ? box.x + box.width / 2 : box.x + 6, box.y + (node ? 10 : 6));
    await this.inspector.getByRole("heading", { name, exact: true }).waitFor();
  }

  async tab(name) {
    const tab = this.inspector.getByRole("tab", { name });
    if ((await tab.getAttribute("aria-selected")) === "true") return;
    this.actions++;
    await tab.click();
  }

  /** Types into a field and presses Enter (one action). */
  async fill(label, value, within) {
    this.actions++;
    const field = (within ?? this.inspector).getByLabel(label, { exact: true });
    await field.fill(value);
    await field.press("Enter");
  }

  async choose(label, option, within) {
    this.actions++;
    await (within ?? this.inspector).getByLabel(label, { exact: true }).selectOption(option);
  }

  async click(name, within) {
    this.actions++;
    await (within ?? this.inspector).getByRole("button", { name }).first().click();
  }

  async check(label, within) {
    this.actions++;
    await (within ?? this.inspector).getByLabel(label, { exact: true }).check();
  }

  async uncheck(label, within) {
    this.actions++;
    await (within ?? this.inspector).getByLabel(label, { exact: true }).uncheck();
  }

  /** Renames the selected part. */
  async rename(name) {
    await this.fill(this.w.name, name);
    await this.part(name).waitFor();
  }

  /** The region of security group `group` in the inspector. */
  group(group) {
    return this.inspector.getByRole("region", { name: new RegExp(`${group}$`) });
  }

  /** Fills a rule form in `region`: `type` (ssh, http...), `protocol`, `ports` (a comma list
   * adds one rule per port), `source` (a group's name, a CIDR, or an option of the Source list
   * as `{ value }` or `{ label }`, such as `{ value: "myip" }`; absent, the form's own 0.0.0.0/0).
   * Each field given is one action. */
  async ruleFields(region, { type, protocol, ports, source }) {
    if (type) await this.choose(this.w.type, type, region);
    if (protocol) await this.choose(this.w.protocol, protocol, region);
    if (ports) {
      this.actions++;
      await region.getByLabel(this.w.portRange, { exact: true }).fill(ports);
    }
    if (source === undefined) return;
    if (typeof source === "object") return this.choose(this.w.source, source, region);
    if (source.includes("/") || /^\d+\.\d+\.\d+\.\d+$/.test(source)) {
      // The form keeps its last source: back to Custom CIDR if another was picked.
      const cidr = region.getByLabel("CIDR", { exact: true });
      if (!(await cidr.isVisible())) await this.choose(this.w.source, "cidr", region);
      this.actions++;
      await cidr.fill(source);
    } else {
      await this.choose(this.w.source, { label: source }, region);
    }
  }

  /** Adds an inbound rule to the group `group` of the selected part: `type` (SSH, HTTP...) or
   * `ports`, from `source` (a group's name, or a CIDR; absent, anywhere). */
  async inbound(group, rule) {
    const region = this.group(group);
    await this.ruleFields(region, rule);
    await this.click(this.w.addInbound, region);
  }

  /** Edits rule `k` (0-based) of the group `group` of the selected part in place, inbound or
   * (`outbound` true) outbound: switches the table's direction if needed, opens the rule, sets
   * the fields given (as [`ruleFields`]) and saves. */
  async editRule(group, k, rule, outbound = false) {
    const region = this.group(group);
    const dir = region.getByRole("button", { name: outbound ? this.w.outboundRules : this.w.inboundRules, exact: true });
    if ((await dir.getAttribute("aria-pressed")) !== "true") {
      this.actions++;
      await dir.click();
    }
    this.actions++;
    await region.getByRole("button", { name: this.w.editRule }).nth(k).click();
    await this.ruleFields(region, rule);
    await this.click(this.w.saveRule, region);
  }

  /** The inspector's row of load balancer listener `k` (0-based): for `fill`/`choose` of the
   * listener's port, protocol and target group. */
  listener(k) {
    return this.inspector.getByRole("listitem")
      .filter({ has: this.page.getByLabel(this.w.listenerPort, { exact: true }) }).nth(k);
  }

  /** The inspector's section of load balancer target group `name`. */
  targetGroup(name) {
    return this.inspector.getByRole("region", { name: new RegExp(`${name}$`) });
  }

  /** Sends a TCP flow (not counted: the build is done) and returns the verdict line. */
  async send(from, to, port) {
    const traffic = this.page.getByRole("region", { name: this.w.traffic });
    await pickByName(traffic.getByLabel(this.w.from, { exact: true }), from);
    await pickByName(traffic.getByLabel(this.w.to, { exact: true }), to);
    await traffic.getByLabel(this.w.protocol, { exact: true }).selectOption("tcp");
    await traffic.getByLabel(this.w.port, { exact: true }).fill(String(port));
    const status = traffic.getByRole("status");
    const before = await status.innerText();
    await traffic.getByRole("button", { name: this.w.send }).click();
    for (let i = 0; i < 100; i++) {
      const text = await status.innerText();
      if (text !== before && this.w.verdict.test(text)) return text;
      await this.page.waitForTimeout(30);
    }
    return status.innerText();
  }
}

/** The text of every hop of the last flow sent (the traffic panel's "Every hop" table, read
 * whether or not it is open). */
export async function hops(page, w) {
  return page.getByRole("region", { name: w.traffic }).locator("details.hops tbody").textContent();
}

/** Selects the option of `select` naming part `name` (its label is the name, or the name and
 * the address in brackets). */
async function pickByName(select, name) {
  const value = await select.evaluate((el, name) => {
    const o = [...el.options].find((o) => o.text === name || o.text.startsWith(`${name} (`));
    return o?.value;
  }, name);
  if (value === undefined) throw new Error(`no option names ${name}`);
  await select.selectOption(value);
}
