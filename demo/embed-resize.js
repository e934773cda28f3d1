// Host-page side of the embed iframes (`{base}/embed/<element>?…`): sizes each
// `<iframe data-iso-embed>` to the height its page reports with `{ type: 'iso-embed-resize', height }`.
// A message counts only from the frame's own window and origin.
const MAX_HEIGHT = 10000;

addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'iso-embed-resize' || typeof data.height !== 'number' || !Number.isFinite(data.height)) return;
  for (const frame of document.querySelectorAll('iframe[data-iso-embed]')) {
    if (frame.contentWindow !== event.source || new URL(frame.src, location.href).origin !== event.origin) continue;
    frame.style.height = `${Math.min(Math.max(Math.ceil(data.height), 0), MAX_HEIGHT)}px`;
  }
});
