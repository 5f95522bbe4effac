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
    height: 110,
    html: `<div style="height:110px;background:${BAND};color:#fff;display:flex;align-items:center;padding:0 32px;gap:20px">
      <div style="width:46px;height:46px;border-radius:50%;border:3px solid rgba(255,255,255,.85);display:flex;align-items:center;justify-content:center">
        <div style="width:18px;height:18px;border-radius:50%;background:#fff"></div></div>
      <div><div style="font-size:26px;font-weight:700;letter-spacing:.02em">Monitoreo de medios</div>
      <div style="font-size:15px;opacity:.85;margin-top:2px">Informe de noticias</div></div></div>`,
  },
  {
    file: 'cvt-footer.png',
    width: 800,
    height: 56,
    html: `<div style="height:56px;background:#e9edf3;color:#3e4c59;display:flex;align-items:center;justify-content:center;font-size:14px;border-top:4px solid #0b3d91">
      Informe preparado para nuestros clientes · Monitoreo de medios</div>`,
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
    await page.screenshot({ path: join(folder, design.file) as `${string}.png`, clip: { x: 0, y: 0, width: design.width, height: design.height } });
    await page.close();
    console.log(`assets/${design.file}: ${design.width * 2} × ${design.height * 2}`);
  }
} finally {
  await browser.close();
}
