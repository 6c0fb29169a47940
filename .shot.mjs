import { chromium } from 'playwright-core';
const [,, id, out, width = '1000', height = '800', locale = 'en'] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
await page.goto(`http://127.0.0.1:6123/iframe.html?id=${id}&globals=locale:${locale}&viewMode=story`);
await page.waitForTimeout(4000);
await page.screenshot({ path: out });
await browser.close();
