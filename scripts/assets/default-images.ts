import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { launchBrowser } from '../../test/support/browser.ts';

/**
 * `node scripts/assets/default-images.ts`: draws the CVT-neutral default images under assets/ from the
 * HTML below, in the same Chromium the tests use, at twice their CSS size so they stay sharp on phones.
 * Run again after changing a design; the PNGs are committed.
 */
const FONT = '-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif';
const BAND = 'linear-gradient(100deg,#0b3d91 0%,#12509e 55%,#1c6bb8 100%)';

const DESIGNS = [
  {
    file: 'cvt-header.png',
    width: 800,
    height: 100,
    html: `<div style="height:100px;background:${BAND};color:#fff;display:flex;align-items:center;padding:0 32px;gap:22px">
      <div style="width:50px;height:50px;border-radius:50%;border:4px solid rgba(255,255,255,.85);display:flex;align-items:center;justify-content:center">
        <div style="width:20px;height:20px;border-radius:50%;background:#fff"></div></div>
      <div style="font-size:34px;font-weight:700;letter-spacing:.01em">Monitoreo de medios</div></div>`,
  },
  {
    file: 'cvt-footer.png',
    width: 800,
    height: 40,
    // No words: at a phone's width a footer's text would be drawn too small to read.
    html: `<div style="height:40px;background:${BAND};display:flex;align-items:center;justify-content:center;gap:12px">
      <div style="height:2px;width:120px;background:rgba(255,255,255,.5)"></div>
      <div style="width:18px;height:18px;border-radius:50%;border:3px solid rgba(255,255,255,.85);display:flex;align-items:center;justify-content:center">
        <div style="width:6px;height:6px;border-radius:50%;background:#fff"></div></div>
      <div style="height:2px;width:120px;background:rgba(255,255,255,.5)"></div></div>`,
  },
  {
    file: 'cvt-preview.png',
    width: 600,
    height: 315,
    html: `<div style="height:315px;background:${BAND};color:#fff;display:flex;flex-direction:column;justify-content:center;padding:0 48px">
      <div style="width:56px;height:56px;border-radius:50%;border:4px solid rgba(255,255,255,.85);display:flex;align-items:center;justify-content:center;margin-bottom:22px">
        <div style="width:22px;height:22px;border-radius:50%;background:#fff"></div></div>
      <div style="font-size:38px;font-weight:700;line-height:1.1">Informe de noticias</div>
      <div style="font-size:20px;opacity:.85;margin-top:10px">Monitoreo de medios</div></div>`,
  },
] as const;

const folder = join(import.meta.dirname, '..', '..', 'assets');
await mkdir(folder, { recursive: true });
const browser = await launchBrowser();
try {
  for (const design of DESIGNS) {
    const page = await browser.newPage();
    await page.setViewport({ width: design.width, height: design.height, deviceScaleFactor: 2 });
    await page.setContent(`<!DOCTYPE html><html><body style="margin:0;font-family:${FONT}">${design.html}</body></html>`);
    await page.screenshot({
      path: join(folder, design.file) as `${string}.png`,
      clip: { x: 0, y: 0, width: design.width, height: design.height },
    });
    await page.close();
    console.log(`assets/${design.file}: ${design.width * 2} × ${design.height * 2}`);
  }
} finally {
  await browser.close();
}
