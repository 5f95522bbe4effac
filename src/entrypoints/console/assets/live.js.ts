/**
 * Client module: regions marked `data-live="<url>"` reload their content from that URL every
 * `data-every` seconds, without reloading the page; a region whose content carries `data-live-done` stops.
 * When the session has ended the answer is the login page, so the browser goes there.
 */
export const LIVE_JS = String.raw`
const regions = document.querySelectorAll('[data-live]');
for (const region of regions) {
  const every = Math.max(1, Number(region.getAttribute('data-every') || '10')) * 1000;
  const refresh = async () => {
    try {
      const response = await fetch(region.getAttribute('data-live'), { headers: { 'x-console-fragment': '1' }, credentials: 'same-origin' });
      if (response.redirected || response.status === 401) { window.location.assign('/admin/login'); return; }
      if (response.ok) {
        region.innerHTML = await response.text();
        region.setAttribute('aria-busy', 'false');
        if (region.querySelector('[data-live-done]')) return;
      }
    } catch (error) {
      // The server may be restarting: try again at the next tick.
    }
    setTimeout(refresh, every);
  };
  if (!region.querySelector('[data-live-done]')) setTimeout(refresh, every);
}
`;
