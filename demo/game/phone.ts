// The parent's phone in a static build: the emulator's parent page, fetched from the
// in-page emulator and shown in the phone frame, with its forms and links sent back
// through the same fetch. (Under `npm start` the frame simply loads /emulator/parent.)
import type { DemoStack } from './stack.js';

export class InPagePhone {
  private frame: HTMLIFrameElement | undefined;

  constructor(private readonly stack: DemoStack) {}

  /** Takes over a frame: shows the code entry page, and keeps its navigation in the page. */
  attach(frame: HTMLIFrameElement): void {
    if (this.frame === frame) return;
    this.frame = frame;
    frame.addEventListener('load', () => {
      const doc = frame.contentDocument;
      doc?.addEventListener('submit', this.submit);
      doc?.addEventListener('click', this.follow);
    });
    void this.open('/emulator/parent');
  }

  /** Opens a parent-page address (from a QR code or a "this device belongs to a parent" link). */
  async open(url: string, init?: RequestInit): Promise<void> {
    const response = await this.stack.fetch(new Request(new URL(url, location.origin), init));
    if (this.frame) this.frame.srcdoc = await response.text();
  }

  private submit = (event: SubmitEvent) => {
    const form = event.target as HTMLFormElement;
    event.preventDefault();
    const data = new URLSearchParams(new FormData(form, event.submitter) as unknown as Record<string, string>);
    const action = form.getAttribute('action') ?? '/emulator/parent';
    if (form.method.toLowerCase() === 'post') {
      void this.open(action, { method: 'POST', body: data, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    } else {
      void this.open(`${action}?${data.toString()}`);
    }
  };

  private follow = (event: MouseEvent) => {
    const link = (event.target as Element | null)?.closest('a');
    if (!link || !isParentPage(link.href)) return;
    event.preventDefault();
    void this.open(link.href);
  };
}

export function isParentPage(href: string): boolean {
  try {
    const url = new URL(href, location.origin);
    return url.origin === location.origin && url.pathname.startsWith('/emulator/parent');
  } catch {
    return false;
  }
}
