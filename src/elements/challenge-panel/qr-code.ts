import { html, type TemplateResult } from 'lit';

/** A link a parent may follow: only http(s), never `javascript:` or `data:`. */
export function safeLink(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The QR code of a link, as SVG drawn from the module matrix (no markup strings, so no
 * `unsafeHTML` and nothing for a strict CSP to refuse). The encoder, paulmillr's `qr`, is
 * loaded only when a challenge appears.
 */
export async function qrCode(link: string): Promise<TemplateResult> {
  const { encodeQR } = await import('qr');
  // A quiet zone of 4 modules, as the standard asks, so phone cameras find it on any background.
  const modules = encodeQR(link, 'raw', { ecc: 'medium', border: 4 });
  const size = modules.length;
  let path = '';
  modules.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) path += `M${String(x)} ${String(y)}h1v1h-1z`;
    });
  });
  return html`<svg viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges" aria-hidden="true"><rect width=${size} height=${size} fill="#fff"></rect><path d=${path} fill="#000"></path></svg>`;
}
