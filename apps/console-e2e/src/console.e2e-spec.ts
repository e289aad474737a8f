import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT, RunningSystem, eventually, testInfra, testNamespace, testToken } from '@pipeline/testing';
import { consoleApiPaths, documented } from './api-paths';
import { launchBrowser, newDesk, pageErrors, screenshot, signIn } from './browser';

/**
 * The web console in headless Chromium against the whole system (every
 * service a real process on the real broker and store), signed in as the
 * seeded users, doing each role's work through the screens. Screenshots of
 * each main screen go to reports/screenshots/.
 */
// a browser step waits up to 20 s; under a loaded machine a whole scenario may
// pass the suite-wide 60 s default (jest.config.cjs), so these get their own
jest.setTimeout(150_000);

describe('the web console in a browser', () => {
  const ns = testNamespace('console');
  let system: RunningSystem;
  let browser: Browser;
  const pages: Page[] = [];
  // a token with every role, for setting the scene and checking through the API
  const auth = { authorization: `Bearer ${testToken()}`, 'content-type': 'application/json' };
  const api = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${system.baseUrl}${path}`, { method, headers: auth, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as T };
  };
  const desk = async (username: string, path = '/', viewport?: { width: number; height: number }) => {
    const page = await newDesk(browser, viewport);
    pages.push(page);
    await signIn(page, system.baseUrl, username, path);
    return page;
  };
  /**
   * Picks an option of the antd Select that the label names, and checks the
   * field shows it (a click that lands while the dropdown is still opening is
   * tried again, so a slow machine does not leave the field empty).
   */
  const choose = async (page: Page, label: string, option: string) => {
    const field = page.locator('.ant-form-item', { has: page.getByLabel(label) }).last();
    await eventually(
      async () => {
        if (!((await field.textContent()) ?? '').includes(option)) {
          if ((await page.locator('.ant-select-dropdown:visible').count()) === 0) await page.getByLabel(label).click();
          await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click({ timeout: 3_000 });
        }
        expect(await field.textContent()).toContain(option);
      },
      { timeoutMs: 15_000, intervalMs: 300 },
    );
  };

  /** Confirms a step of the procedure and waits for the case's new state; a refusal fails at once, with its words. */
  const confirmStep = async (page: Page, state: string) => {
    await page.locator('.ant-modal:visible').getByTestId('transition-submit').click();
    const refused = page.locator('.ant-modal:visible').locator('[data-testid="transition-error"], .ant-form-item-explain-error');
    await page.getByTestId('case-state').getByText(state).or(refused).first().waitFor();
    if (await refused.count()) throw new Error(`step refused: ${(await refused.allTextContents()).join(' / ')}`);
  };

  // facts the scenarios hand on: the operator's complaint opens the case the officer closes
  let filedComplaintId = '';
  let filedCaseId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    system = await RunningSystem.start(ns, testInfra());
  }, 180_000);

  afterAll(async () => {
    await Promise.all(pages.map((p) => p.context().close().catch(() => undefined)));
    await browser?.close();
    await system?.stop();
  });

  afterEach(() => {
    // errors each page threw during this test (then forgotten, so one failure is reported once)
    const thrown = pages.flatMap((p) => pageErrors(p).splice(0));
    expect(thrown).toEqual([]);
  });

  it('serves the console at the base URL, deep links included, and calls only documented APIs', async () => {
    for (const path of ['/', '/cases/CASE-x', '/leadership/map']) {
      const res = await fetch(`${system.baseUrl}${path}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<div id="root">');
    }
    const doc = (await api<{ paths: Record<string, unknown> }>('GET', '/api/docs/openapi.json')).body;
    const used = consoleApiPaths(join(REPO_ROOT, 'apps', 'console', 'src'));
    expect(used.length).toBeGreaterThan(25);
    expect(used.filter((p) => !documented(p, Object.keys(doc.paths)))).toEqual([]);
  });

  it('signs in each role to its own start screen, and refuses a wrong password', async () => {
    const page = await newDesk(browser);
    pages.push(page);
    await page.goto(system.baseUrl);
    await screenshot(page, '00-login');
    await page.getByLabel('用户名').fill('operator');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('用户名或密码错误').waitFor();
    await page.getByLabel('密码').fill('operator-dev-2026');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL('**/intake/new');
    // the operator's menu has no administration
    expect(await page.getByRole('menuitem', { name: '用户与角色' }).count()).toBe(0);
    await page.goto(`${system.baseUrl}/admin/users`);
    await page.getByText('无权访问').waitFor();
  });

  it('an operator files a complaint while the caller talks and sees it classified, with its case', async () => {
    const page = await desk('operator');
    await page.waitForURL('**/intake/new');
    // the service's refusal shows next to the field it names (blank text passes the browser's checks, not intake's)
    await page.getByTestId('complaint-text').fill('      ');
    await page.getByTestId('complaint-text').press('Control+Enter');
    await page.locator('.ant-form-item', { has: page.getByTestId('complaint-text') }).getByText('text 长度须在 5–2000 字之间').waitFor();
    await page.getByTestId('complaint-text').fill('中山路步行街有流动摊贩占道经营，摊位堵住了行人通道');
    // the dry run's guess appears while typing
    await eventually(async () => expect(await page.getByTestId('preview-category').textContent()).toBe('街面秩序'), { timeoutMs: 15_000 });
    await page.getByText('热点：中山路-劈柴院商圈').waitFor();
    // a wrong phone number is caught at once, next to the field
    await page.getByTestId('caller-phone').fill('1381234');
    await page.getByTestId('caller-phone').blur();
    await page.getByText('请输入大陆手机号').waitFor();
    await page.getByTestId('caller-phone').fill('13812341234');
    // a valid number looks up the caller's earlier complaints (none yet)
    await page.getByText('无历史投诉').waitFor();
    await page.getByLabel('来电人称呼').fill('张先生');
    await page.getByLabel('12345 工单号').fill(`GD-${ns}`);
    await screenshot(page, '01-operator-filing');
    await page.getByTestId('complaint-text').press('Control+Enter');
    await page.waitForURL(/\/complaints\/[^/]+$/);
    filedComplaintId = decodeURIComponent(page.url().split('/').pop() ?? '');
    await eventually(async () => expect(await page.getByTestId('complaint-category').textContent()).toContain('街面秩序'), { timeoutMs: 30_000 });
    await page.getByTestId('complaint-case').waitFor({ timeout: 30_000 });
    filedCaseId = ((await page.getByTestId('complaint-case').locator('span').first().textContent()) ?? '').trim();
    expect(filedCaseId).toMatch(/^CASE-/);
    await page.getByText('138****1234').waitFor();
    await screenshot(page, '02-operator-complaint');
    // the search finds it by work-order number
    await page.goto(`${system.baseUrl}/complaints`);
    await page.getByPlaceholder('12345 工单号').fill(`GD-${ns}`);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.locator('.ant-table-row', { hasText: '中山路步行街' }).waitFor();
    expect(await page.locator('.ant-table-row').count()).toBe(1);
    await screenshot(page, '03-operator-search');
  });

  it('a dispatcher accepts a candidate from the queue, which opens a case', async () => {
    const filed = await api<{ id: string }>('POST', '/api/v1/complaints', { text: `城阳区一工地夜间施工噪音扰民（${ns}）`, channel: 'hotline' });
    expect(filed.status).toBe(202);
    const complaintId = filed.body.id;
    await eventually(async () => expect((await api<{ status: string }>('GET', `/api/v1/complaints/${complaintId}`)).body.status).toBe('candidate'), { timeoutMs: 30_000 });
    const page = await desk('dispatcher');
    await page.waitForURL('**/dispatch/candidates');
    const accept = page.getByTestId(`accept-${complaintId}`);
    await accept.waitFor();
    // each candidate shows the rule that proposed it
    await page.locator('.ant-table-row', { has: accept }).getByTestId('candidate-rule').getByText('规则集 v1').waitFor();
    // opening the row shows what the caller said
    await page.locator('.ant-table-row', { has: accept }).locator('.ant-table-row-expand-icon').click();
    await page.getByText(`城阳区一工地夜间施工噪音扰民（${ns}）`).waitFor();
    await accept.click();
    await page.getByText('确认为案件线索并指派').waitFor();
    await screenshot(page, '04-dispatcher-candidates');
    await page.locator('.ant-modal:visible').getByRole('button', { name: /确\s*认/ }).click();
    await accept.waitFor({ state: 'detached' });
    await eventually(async () => {
      const c = (await api<{ status: string; case: { caseId: string } | null }>('GET', `/api/v1/complaints/${complaintId}`)).body;
      expect(c.status).toBe('case');
      expect(c.case?.caseId).toMatch(/^CASE-/);
    }, { timeoutMs: 30_000 });
  });

  it('an officer takes the case through the simple procedure to closed', async () => {
    expect(filedCaseId).toMatch(/^CASE-/);
    const page = await desk('officer');
    await page.waitForURL('**/cases');
    await page.getByRole('link', { name: filedCaseId }).click();
    await page.getByTestId('case-state').getByText('线索待核查').waitFor();
    await page.locator('[data-action="decide_on_spot"]').click();
    const modal = page.locator('.ant-modal:visible');
    await modal.getByPlaceholder('执法人员 2 姓名').fill('李明');
    await modal.getByTestId('officer-cert-0').fill('37020011');
    await modal.getByTestId('officer-cert-1').fill('37020012');
    await choose(page, '当事人类型', '公民');
    await modal.getByLabel('法律依据').fill('《青岛市城市市容和环境卫生管理条例》第三十条');
    await modal.getByTestId('fine-yuan').fill('50');
    await modal.getByTestId('document-ref-0').fill('青城执简〔2026〕1号');
    await screenshot(page, '05-officer-simple-procedure');
    await confirmStep(page, '当场处罚（简易程序）');
    // only the steps the state machine allows are offered
    const offered = await page.getByTestId('allowed-actions').locator('button').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-action')));
    expect(offered).toEqual(expect.arrayContaining(['close']));
    expect(offered).not.toContain('file');
    await page.locator('[data-action="close"]').click();
    await choose(page, '执行结果', '当场缴纳');
    await page.locator('.ant-modal:visible').getByTestId('document-ref-0').fill('备案〔2026〕1号');
    await confirmStep(page, '已结案');
    await page.getByText('当场缴纳').or(page.getByText('备案〔2026〕1号')).first().waitFor();
    await screenshot(page, '06-officer-case-closed');
    // the complaint follows its case: closed, and the operator can call the caller back
    await eventually(async () => expect((await api<{ status: string }>('GET', `/api/v1/complaints/${filedComplaintId}`)).body.status).toBe('closed'), { timeoutMs: 30_000 });
  });

  it('an operator records the callback (回访) of the closed complaint', async () => {
    const page = await desk('operator', `/complaints/${filedComplaintId}`);
    await page.getByText('回访', { exact: true }).waitFor();
    await page.getByLabel('已解决').check();
    await page.getByText('满意', { exact: true }).click();
    await page.getByRole('button', { name: '保存回访' }).click();
    await page.getByText('最近回访').waitFor();
    await screenshot(page, '07-operator-callback');
  });

  it('a committee member sees only their own communities', async () => {
    const now = new Date(Date.now() + 8 * 3600_000);
    const period = `${now.getUTCFullYear()}Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
    expect((await api('POST', '/api/v1/evaluations/periods', { period, openedBy: '市住建局 测试' })).status).toBe(201);
    const page = await desk('committee');
    await page.waitForURL('**/evaluation/ranking');
    await page.getByTestId('community-link').first().waitFor();
    const names = await page.getByTestId('community-link').allTextContents();
    expect(names.sort()).toEqual(['四方路里院小区', '黄县路小区'].sort());
    await screenshot(page, '08-committee-ranking');
    await page.getByRole('link', { name: '四方路里院小区' }).click();
    await page.getByText('各方评价与计算').waitFor();
    await screenshot(page, '09-committee-community-record');
    // another community's record is refused
    await page.goto(`${system.baseUrl}/evaluation/communities/CM003?period=${period}`);
    await page.locator('.ant-alert-error').waitFor();
    // and so is scoring it: the submission form offers only their own
    await page.goto(`${system.baseUrl}/evaluation/submit`);
    await page.getByTestId('submit-community').click();
    // the options render once the dropdown has opened and the communities have loaded
    await eventually(async () => {
      const offered = await page.locator('.ant-select-dropdown:visible .ant-select-item-option').allTextContents();
      expect(offered.map((o) => o.split(' ')[0]).sort()).toEqual(['CM001', 'CM002']);
    });
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'CM001' }).click();
    // the owners' committee scores its community, indicator by indicator
    const scores = page.locator('.ant-table-row input.ant-input-number-input');
    await scores.first().waitFor();
    const n = await scores.count();
    expect(n).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < n; i++) await scores.nth(i).fill('12');
    await page.getByLabel('总体意见').fill('楼道保洁及时，公共收益公开不够');
    await screenshot(page, '10-committee-submission');
    await page.getByRole('button', { name: '提交评分' }).click();
    await page.getByText('评分已提交').waitFor();
    await page.goto(`${system.baseUrl}/evaluation/communities/CM001?period=${period}`);
    await page.locator('.ant-table-row', { hasText: '业主委员会/物业管理委员会' }).getByText('已计分').waitFor();
  });

  it('the map draws the 30 hotspot areas and 100 communities coloured by their rate', async () => {
    const page = await desk('authority');
    await page.waitForURL('**/leadership/map');
    const map = page.getByTestId('area-map');
    await map.waitFor();
    expect(await map.locator('[data-kind="hotspot_area"]').count()).toBe(30);
    expect(await map.locator('[data-kind="community"]').count()).toBe(100);
    // HS01 has the operator's complaint (closed on the spot: not filed, so 0 %); areas without complaints have no rate
    await eventually(async () => expect(await map.locator('[data-area-id="HS01"]').getAttribute('data-rate')).toBe('0'), { timeoutMs: 10_000 });
    expect(await map.locator('[data-area-id="HS01"]').getAttribute('fill')).toBe('#f5222d');
    expect(await map.locator('[data-area-id="HS02"]').getAttribute('data-rate')).toBe('');
    await map.locator('[data-area-id="HS01"]').click({ force: true });
    await page.getByTestId('map-selection').getByText('中山路-劈柴院商圈').waitFor();
    await screenshot(page, '11-leadership-map');
    // zoomed to one district, its areas and communities are drawn as their own shapes
    await page.locator('.ant-select', { hasText: '全市（可选区市放大）' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '市南区' }).click();
    await map.locator('text', { hasText: '中山路-劈柴院商圈' }).waitFor();
    await screenshot(page, '11b-leadership-map-district');
  });

  it('an administrator creates a user, and a taken login name is refused next to the field', async () => {
    const page = await desk('admin');
    await page.waitForURL('**/admin/users');
    await page.locator('.ant-table-row', { hasText: 'dispatcher' }).first().waitFor();
    const create = async (username: string) => {
      await page.getByRole('button', { name: '新建用户' }).click();
      const modal = page.locator('.ant-modal:visible');
      await modal.getByLabel('登录名').fill(username);
      await modal.getByLabel('姓名').fill('话务员 刘洋');
      await choose(page, '角色', '热线话务员');
      // close the multiple select's dropdown (Escape would close the dialog too)
      await modal.locator('.ant-modal-title').click();
      await modal.getByLabel('初始密码').fill('a-long-password-2026');
      await modal.getByRole('button', { name: /保\s*存/ }).click();
      return modal;
    };
    await create('liu.yang');
    await page.locator('.ant-table-row', { hasText: 'liu.yang' }).waitFor();
    const again = await create('liu.yang');
    await again.locator('.ant-form-item', { has: page.getByLabel('登录名') }).locator('.ant-form-item-explain-error').waitFor();
    await screenshot(page, '12-admin-user-refused');
    await again.getByRole('button', { name: /取\s*消/ }).click();
  });

  it('every main screen opens without errors for its role (screenshots at 1366×768 and on a tablet)', async () => {
    const tour: [string, string[]][] = [
      ['dispatcher', ['/dispatch/squads', '/dispatch/overdue', '/cases', '/leadership/metrics']],
      ['authority', ['/evaluation/ranking', '/admin/schemes']],
      ['admin', ['/admin/users', '/admin/rule-sets', '/admin/holidays', '/admin/audit']],
    ];
    let n = 13;
    for (const [user, paths] of tour) {
      const page = await desk(user);
      for (const path of paths) {
        await page.goto(`${system.baseUrl}${path}`);
        await page.locator('.ant-layout-content h4').first().waitFor();
        await screenshot(page, `${n++}-${user}${path.replace(/\//g, '-')}`);
        expect(await page.locator('.ant-alert-error').count()).toBe(0);
      }
    }
    const tablet = await desk('officer', `/cases/${filedCaseId}`, { width: 1024, height: 768 });
    await tablet.getByTestId('case-state').waitFor();
    await screenshot(tablet, `${n++}-tablet-officer-case`);
    const filing = await desk('operator', '/intake/new', { width: 768, height: 1024 });
    await filing.getByTestId('complaint-text').waitFor();
    await screenshot(filing, `${n}-tablet-operator-filing`);
  });
});
