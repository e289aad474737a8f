import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from '@pipeline/testing';

/** Debian's chromium (apt-get install chromium); CHROMIUM_PATH points elsewhere. No browser is ever downloaded. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where each run leaves its screenshots (a git-ignored test artifact). */
export const SCREENSHOTS = join(REPO_ROOT, 'reports', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    // fail, never skip: the console's tests are part of the suite
    throw new Error(`没有找到 Chromium（${CHROMIUM}）。请以 root 运行：apt-get update && apt-get install -y chromium（或设置 CHROMIUM_PATH）`);
  }
  // this run's screenshots only
  rmSync(SCREENSHOTS, { recursive: true, force: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** A desk at the bureau: 1366×768, Chinese, Beijing time (a tablet is 1024×768 or smaller). */
export async function newDesk(browser: Browser, viewport = { width: 1366, height: 768 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  (page as Page & { problems: string[] }).problems = problems;
  return page;
}

/** Uncaught errors the page threw so far (each screen test expects none). */
export function pageErrors(page: Page): string[] {
  return (page as Page & { problems?: string[] }).problems ?? [];
}

/** Signs in through the login form as one of the seeded development users (README). */
export async function signIn(page: Page, baseUrl: string, username: string, path = '/'): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(`${username}-dev-2026`);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('current-user').waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  // let spinners and transitions settle: wait until no loading indicator is left
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-spin-blur, .ant-skeleton-active'), undefined, { timeout: 15_000 }).catch(() => undefined);
  // and until opening modals and closing dropdowns have finished their motion
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity), undefined, { timeout: 5_000 }).catch(() => undefined);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}
