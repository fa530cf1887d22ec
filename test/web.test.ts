// The web calculator and the HTML report in a real browser: Debian's chromium driven over the
// DevTools protocol by puppeteer-core (no browser download; .ci/run installs chromium). The page is
// loaded from file://, as a user who saved it would; screenshots go to test-artifacts/ (not committed).
import { NEWEST_PUBLISHED_LINE, newestPublishedImage } from '../src/core/images.js';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../src/core/conf/standard.js';
import { explainConfDir } from '../src/core/analysis/explain.js';
import { yamlString } from '../src/core/docker/flink-writer.js';
import { FLINK_LINES, LATEST_PATCH, parseFlinkVersion } from '../src/core/versions.js';
import type { FlinkSide, MemoryVector } from '../src/testing/vectors.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PAGE = join(ROOT, 'dist/web/index.html');
const PAGE_URL = pathToFileURL(PAGE).href;
const ARTIFACTS = join(ROOT, 'test-artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SEED = readFileSync(join(ROOT, 'examples/seed/flink-conf.yaml'), 'utf8');

let browser: Browser;

beforeAll(async () => {
  if (!existsSync(PAGE)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  // a missing browser must fail the run, not skip it: .ci/run installs Debian's chromium
  if (!existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await puppeteer.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless'] });
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

interface Watched {
  page: Page;
  errors: string[];
  requests: string[];
}

/** A fresh tab that records console errors, page errors and every request it makes. */
async function open(url: string, width = 1280): Promise<Watched> {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 900 });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.setRequestInterception(true);
  page.on('request', (r) => {
    requests.push(r.url());
    // the page and the report must not reach out: anything but the file itself (and blob: links) is refused
    if (r.url().startsWith('file:') || r.url().startsWith('blob:') || r.url().startsWith('data:')) void r.continue();
    else void r.abort();
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, errors, requests };
}

/** data-bytes-for cells: `taskmanager.taskHeap` -> "402653174". */
async function bytesShown(page: Page): Promise<Record<string, string>> {
  return page.$$eval('[data-bytes-for]', (els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-bytes-for')!, e.textContent!.trim()])));
}

async function setText(page: Page, selector: string, text: string): Promise<void> {
  await page.$eval(
    selector,
    (el, v) => {
      (el as HTMLTextAreaElement).value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    },
    text,
  );
}

describe('web calculator (dist/web/index.html from file://)', () => {
  it('opens on Flink default memory of the newest line, bytes beside MiB/GiB, with no console error or request', async () => {
    const { page, errors, requests } = await open(PAGE_URL);
    const shown = await bytesShown(page);
    expect(shown['taskmanager.totalProcess']).toBe('1811939328'); // 1728m
    expect(shown['jobmanager.totalProcess']).toBe('1677721600'); // 1600m
    // Flink's float fractions: managed is 536870920 bytes, not 512 MiB
    expect(shown['taskmanager.managed']).toBe('536870920');
    expect(await page.$eval('#summary', (e) => e.textContent)).toContain(`Flink ${LATEST_PATCH['2.3']}`);
    expect(await page.$eval('#diagram svg title', (e) => e.textContent)).toContain('TaskManager and JobManager');
    expect(await page.$eval('[data-jvm-args="taskmanager"]', (e) => e.textContent)).toBe('-Xmx536870902 -Xms536870902 -XX:MaxDirectMemorySize=268435458 -XX:MaxMetaspaceSize=268435456');
    expect(page.url()).toBe(PAGE_URL); // the default state leaves the address bare
    expect(errors).toEqual([]);
    expect(requests).toEqual([PAGE_URL]);
    await page.screenshot({ path: join(ARTIFACTS, 'web-default-1280.png'), fullPage: true });
    await page.setViewport({ width: 375, height: 800 });
    await page.screenshot({ path: join(ARTIFACTS, 'web-default-375.png'), fullPage: true });
    // nothing sticks out sideways on a phone: only the diagram's own box scrolls
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.close();
  });

  it('typing the seed config shows the refusal and the smallest fixes; the state goes to the URL and comes back', async () => {
    const { page, errors } = await open(PAGE_URL);
    await page.select('#version', LATEST_PATCH['1.20']);
    await page.$eval('#conf', (el) => ((el as HTMLTextAreaElement).value = ''));
    await page.type('#conf', SEED);
    expect(await page.$eval('[data-refused="taskmanager"]', (e) => e.textContent)).toContain('more than the total Flink memory of 52 MiB (54525952 bytes)');
    expect(await page.$eval('[data-fix="taskmanager"]', (e) => e.textContent)).toContain('taskmanager.memory.process.size: 961m');
    expect(await page.$eval('[data-fix="jobmanager"]', (e) => e.textContent)).toContain('jobmanager.memory.process.size: 577m');
    expect(await page.$eval('#diagram svg', (e) => e.querySelector('[data-shortfall]')?.getAttribute('data-shortfall'))).toBe('269274317');
    // the seed was meant for an e2-micro: the machine bar and the budget finding
    await page.select('#preset', 'gcp-e2-micro');
    expect(await page.$$eval('#findings [data-code]', (els) => els.map((e) => e.getAttribute('data-code')))).toEqual(expect.arrayContaining(['TM_REFUSED', 'JM_REFUSED', 'BUDGET_EXCEEDED']));
    expect(await page.$('#diagram svg #ff-machine')).not.toBeNull();
    await page.screenshot({ path: join(ARTIFACTS, 'web-seed-1280.png'), fullPage: true });
    await page.setViewport({ width: 375, height: 800 });
    await page.screenshot({ path: join(ARTIFACTS, 'web-seed-375.png'), fullPage: true });
    // a link reproduces the state (the address follows once typing pauses)
    await page.waitForFunction(() => location.hash.includes('preset=gcp-e2-micro'));
    const link = page.url();
    expect(link).toContain('#');
    const again = await open(link);
    expect(await again.page.$eval('#conf', (e) => (e as HTMLTextAreaElement).value)).toBe(SEED);
    expect(await again.page.$eval('#preset', (e) => (e as HTMLSelectElement).value)).toBe('gcp-e2-micro');
    expect(await again.page.$eval('[data-fix="taskmanager"]', (e) => e.textContent)).toContain('961m');
    expect([...errors, ...again.errors]).toEqual([]);
    await again.page.close();
    await page.close();
  });

  it('gives the same numbers as the library and as real Flink on a sample of the shared vectors', async () => {
    const { page, errors } = await open(PAGE_URL);
    const sample: MemoryVector[] = [];
    for (const line of FLINK_LINES) {
      const all = readFileSync(join(ROOT, `../shared/vectors/flink-${line}.jsonl`), 'utf8').split('\n').filter(Boolean);
      for (let i = 0; i < 7; i++) sample.push(JSON.parse(all[(i * 283 + 11) % all.length]!) as MemoryVector);
    }
    let accepted = 0;
    let compared = 0;
    for (const v of sample) {
      const p = parseFlinkVersion(v.flinkVersion);
      if (!p.ok) throw new Error(p.message);
      const file = p.line.startsWith('1.') ? 'flink-conf.yaml' : 'config.yaml';
      // as the vectors were run: flat lines for 1.x, double-quoted YAML strings for 2.x
      const text = Object.entries(v.config)
        .map(([k, val]) => `${k}: ${file === 'config.yaml' ? yamlString(val) : val}`)
        .join('\n');
      await page.select('#version', v.flinkVersion);
      await page.select('#kind', file);
      await setText(page, '#conf', `${text}\n`);
      const shown = await bytesShown(page);
      const lib = explainConfDir({ files: { [file]: `${text}\n` }, line: p.line, version: p.version });
      for (const role of ['taskmanager', 'jobmanager'] as const) {
        const flink: FlinkSide = v[role];
        const ours = lib[role].outcome;
        const where = `${v.flinkVersion} ${JSON.stringify(v.config)} ${role}`;
        const refused = await page.$(`[data-refused="${role}"]`);
        expect(refused === null, `${where}: page accepts iff Flink does`).toBe(flink.ok);
        if (!flink.ok || !ours?.ok) continue;
        accepted++;
        for (const [k, b] of Object.entries(flink.bytes ?? {})) {
          if (k === 'cpuCores' || k === 'numSlots') continue;
          expect(shown[`${role}.${k}`], `${where}.${k}`).toBe(String(b));
          expect(shown[`${role}.${k}`], `${where}.${k} (library)`).toBe(String((ours.memory as unknown as Record<string, bigint>)[k]));
          compared++;
        }
        expect(await page.$eval(`[data-jvm-args="${role}"]`, (e) => e.textContent)).toBe(flink.jvmArgs);
        expect((await page.$eval(`[data-dynamic-configs="${role}"]`, (e) => e.textContent))!.replace(/\n-D /g, ' -D ')).toBe(flink.dynamicConfigs);
      }
    }
    expect(sample.length).toBe(49);
    expect(accepted).toBeGreaterThan(20);
    expect(compared).toBeGreaterThan(150);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('reads a docker-compose.yml as the image would run it, the mounted flink-conf.yaml taken from the config box', async () => {
    const { page, errors } = await open(PAGE_URL);
    await page.select('#version', '');
    await setText(page, '#conf', SEED);
    await setText(page, '#compose', readFileSync(join(ROOT, 'examples/seed/docker-compose.yml'), 'utf8'));
    const codes = await page.$$eval('#findings [data-code]', (els) => els.map((e) => e.getAttribute('data-code')));
    // flink:latest is assumed to be the newest line, which ignores the mounted flink-conf.yaml
    // flink:latest (2.x) ignores the mounted flink-conf.yaml, so the entrypoint does not edit it
    expect(codes).toEqual(expect.arrayContaining(['IMAGE_LATEST', 'COMPOSE_CONFIG_IGNORED']));
    expect(codes).not.toContain('CONFIG_MOUNT_SINGLE_FILE');
    // flink:latest is the newest release with a published image (src/core/images.ts)
    expect(await page.$eval('#summary', (e) => e.textContent)).toContain(`Flink ${newestPublishedImage(NEWEST_PUBLISHED_LINE)}`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('works from the keyboard alone: every control labelled, Tab reaches them in order, a key changes the version, Enter generates files', async () => {
    const { page, errors } = await open(PAGE_URL);
    const unlabelled = await page.$$eval('input, select, textarea', (els) => els.filter((e) => !(e as HTMLInputElement).labels?.length).map((e) => e.id));
    expect(unlabelled).toEqual([]);
    const order: string[] = [];
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => document.activeElement?.id ?? ''));
    }
    expect(order.slice(0, 7)).toEqual(['version', 'preset', 'taskmanagers', 'conf', 'kind', 'compose', 'opt-0']);
    expect(order).toContain('generate');
    // choose a preset and a version by keys; the page follows
    await page.focus('#preset');
    await page.keyboard.type('gcp-e2-mi');
    expect(await page.$eval('#preset', (e) => (e as HTMLSelectElement).value)).toBe('gcp-e2-micro');
    await page.focus('#version');
    await page.keyboard.press('ArrowDown');
    expect(await page.$eval('#summary', (e) => e.textContent)).toContain(`Flink ${LATEST_PATCH['2.2']}`);
    await page.focus('#generate');
    await page.keyboard.press('Enter');
    const files = await page.$$eval('#files a[download]', (as) => as.map((a) => [a.textContent, (a as HTMLAnchorElement).href.slice(0, 5)]));
    expect(files.map(([name]) => name)).toEqual(expect.arrayContaining(['docker-compose.yml', 'conf/config.yaml']));
    expect(files.every(([, href]) => href === 'blob:')).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('meets WCAG AA contrast for its text, in the light and the dark theme', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const { page, errors } = await open(PAGE_URL);
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      await page.select('#version', LATEST_PATCH['1.20']);
      await setText(page, '#conf', SEED);
      const low = await page.evaluate(() => {
        const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
        const lum = (c: string) => {
          const [r, g, b] = rgb(c).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
          return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
        };
        const background = (el: Element | null): string => {
          for (; el; el = el.parentElement) {
            const c = getComputedStyle(el).backgroundColor;
            if (rgb(c)[3] !== 0 && c !== 'transparent') return c;
          }
          return 'rgb(255, 255, 255)';
        };
        const out: string[] = [];
        for (const el of document.querySelectorAll('body *:not(svg *):not(script):not(style)')) {
          const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim() !== '');
          if (!own) continue;
          const fg = getComputedStyle(el).color;
          const [a, b] = [lum(fg), lum(background(el))];
          const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
          const big = parseFloat(getComputedStyle(el).fontSize) >= 24;
          if (ratio < (big ? 3 : 4.5)) out.push(`${el.tagName} "${el.textContent!.trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
        }
        return out;
      });
      expect(low, `${scheme} theme`).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, `web-seed-${scheme}-1280.png`), fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    }
  });
});

describe('explain --format html (the report) in the browser', () => {
  it('opens with no network request, holds the diagram, every derivation and the findings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flinkfit-report-'));
    const out = join(dir, 'report.html');
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/flinkfit.cjs'), 'explain', '--format', 'html', '--preset', 'gcp-e2-micro', '--out', out, join(ROOT, 'examples/seed/flink-conf.yaml')], { encoding: 'utf8' });
    expect(r.status).toBe(1); // Flink refuses the seed, as explain says
    const url = pathToFileURL(out).href;
    const { page, errors, requests } = await open(url);
    expect(requests).toEqual([url]);
    expect(await page.$$eval('script', (s) => s.length)).toBe(0);
    expect(await page.$('svg[role="img"] title')).not.toBeNull();
    expect(await page.$$eval('[data-code]', (els) => els.map((e) => e.getAttribute('data-code')))).toEqual(expect.arrayContaining(['TM_REFUSED', 'JM_REFUSED', 'BUDGET_EXCEEDED', 'VERSION_ASSUMED']));
    const text = await page.$eval('main', (e) => e.textContent);
    expect(text).toContain('JVM overhead = 0.1 × total process 500 MiB = 50 MiB, raised to the minimum 192 MiB');
    expect(text).toContain('Smallest fix: set taskmanager.memory.process.size: 961m');
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'report-seed-1280.png'), fullPage: true });
    await page.close();
  });

  it('lists the JVM flags, dynamic configs and bytes of an accepted config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flinkfit-report-'));
    const out = join(dir, 'report.html');
    spawnSync(process.execPath, [join(ROOT, 'bin/flinkfit.cjs'), 'explain', '--format', 'html', '--flink-version', '2.3', '--out', out, join(ROOT, '../shared/dist-conf/2.3/config.yaml')], { encoding: 'utf8' });
    const { page, errors, requests } = await open(pathToFileURL(out).href);
    expect(requests.length).toBe(1);
    expect(await page.$eval('[data-jvm-args="jobmanager"]', (e) => e.textContent)).toBe('-Xmx1073741824 -Xms1073741824 -XX:MaxMetaspaceSize=268435456');
    expect(await page.$eval('[data-dynamic-configs="taskmanager"]', (e) => e.textContent)).toContain('-D taskmanager.memory.network.min=134217730b');
    expect((await bytesShown(page))['taskmanager.network']).toBe('134217730');
    expect(errors).toEqual([]);
    await page.close();
  });
});
