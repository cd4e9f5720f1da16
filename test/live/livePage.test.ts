import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/samples.js';

/** Debian's chromium (apt-get install -y chromium), driven by playwright-core. */
const CHROMIUM = process.env.SPIKEGUARD_CHROMIUM ?? '/usr/bin/chromium';
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser) console.log(`live page tests skipped: no browser at ${CHROMIUM} (apt-get install -y chromium, or set SPIKEGUARD_CHROMIUM)`);

type Playwright = typeof import('playwright-core');
type Browser = Awaited<ReturnType<Playwright['chromium']['launch']>>;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** `spikeguard serve --port PORT` (the demo camera looping), resolved once the page is up. */
async function serve(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', String(port), '--quiet'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('live page:')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  return child;
}

const stop = async (child: ChildProcess): Promise<void> => {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
};

describe.skipIf(!haveBrowser)('live monitor page in headless Chromium', () => {
  let browser: Browser;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM, headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    for (const c of children) await stop(c);
  });

  it('shows event frames (non-blank pixels), class probabilities, monitor records and counters, and recovers when the server restarts', async () => {
    const port = await freePort();
    children.push(await serve(port));
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    // page-side code as strings: the tests compile without the DOM's types
    const text = (id: string): string => `(document.getElementById('${id}')?.textContent ?? '')`;
    const connected = `${text('status')} === 'connected'`;
    await page.waitForFunction(connected, undefined, { timeout: 20_000 });
    await page.waitForFunction(`/predicted \\d/.test(${text('prediction')})`, undefined, { timeout: 30_000 });
    await page.waitForFunction(`${text('m-status')} !== '–'`, undefined, { timeout: 30_000 });
    /** Pixels of a canvas that are not black. */
    const lit = (id: string): Promise<number> => page.evaluate(`(() => {
      const c = document.getElementById('${id}');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] > 0) n++;
      return n;
    })()`);
    expect(await lit('frame')).toBeGreaterThan(50);
    expect(await lit('probs')).toBeGreaterThan(50);
    expect(await page.textContent('#counters')).toMatch(/events in\s*\d+/);
    expect(await page.textContent('#m-eps')).toMatch(/\d\.\d{3}/);

    await stop(children.pop()!);
    await page.waitForFunction(`${text('status')}.startsWith('disconnected')`, undefined, { timeout: 10_000 });
    const eventsBefore = await page.textContent('#events');
    children.push(await serve(port));
    await page.waitForFunction(connected, undefined, { timeout: 20_000 });
    await page.waitForFunction(`${text('events')} !== ${JSON.stringify(eventsBefore)}`, undefined, { timeout: 20_000 });
    expect(await lit('frame')).toBeGreaterThan(0);
    await page.close();
  }, 120_000);
});
