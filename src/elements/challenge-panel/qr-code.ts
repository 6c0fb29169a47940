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
 * `unsafeHTML` and nothing for a strict CSP to refuse). The encoder, lean-qr's nano build
 * (about 2 KB gzipped), is loaded only when a challenge appears.
 */
export async function qrCode(link: string): Promise<TemplateResult> {
  const { generate, correction } = await import('lean-qr/nano');
  const code = generate(link, { minCorrectionLevel: correction.M });
  // A quiet zone of 4 modules, as the standard asks, so phone cameras find it on any background.
  const border = 4;
  const size = code.size + border * 2;
  let path = '';
  for (let y = 0; y < code.size; y++) {
    for (let x = 0; x < code.size; x++) {
      if (code.get(x, y)) path += `M${String(x + border)} ${String(y + border)}h1v1h-1z`;
    }
  }
  return html`<svg viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges" aria-hidden="true"><rect width=${size} height=${size} fill="#fff"></rect><path d=${path} fill="#000"></path></svg>`;
}
