import type { EmulatorConfig } from './config.js';
import { hmacSha256Hex } from './hmac.js';
import type { KidWebhook } from './kid/state.js';

export interface WebhookRecord {
  eventType: string;
  body: string;
  at: string;
  /** Set when a webhook URL was configured and a delivery was tried. */
  delivery?: { url: string; timestamp: string; signature: string; attempts: number; status?: number; error?: string };
}

const RETRY_DELAYS_MS = [5_000, 10_000];

/**
 * k-ID's webhooks: `{eventType, data}` POSTed with `X-Event-Type`, `X-Signature-Timestamp`
 * (Unix seconds) and `X-Signature-Hmac-Sha256` (lowercase hex HMAC of timestamp + body),
 * retried twice, after 5 s and 10 s, until answered 200 (wire.md A.4).
 */
export class Webhooks {
  readonly records: WebhookRecord[] = [];
  private inFlight = new Set<Promise<void>>();
  private timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly config: EmulatorConfig,
    private readonly fetchImpl: () => typeof fetch,
  ) {}

  send(event: KidWebhook): void {
    const body = JSON.stringify(event);
    const record: WebhookRecord = { eventType: event.eventType, body, at: new Date().toISOString() };
    this.records.push(record);
    const url = this.config.webhookUrl;
    if (!url) return;
    const attempt = this.deliver(record, url).finally(() => this.inFlight.delete(attempt));
    this.inFlight.add(attempt);
  }

  /** Resolves when every delivery started so far has had its first answer. */
  async settled(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private async deliver(record: WebhookRecord, url: string, attempt = 0): Promise<void> {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = await hmacSha256Hex(this.config.webhookSecret, timestamp + record.body);
    record.delivery = { url, timestamp, signature, attempts: attempt + 1 };
    try {
      const response = await this.fetchImpl()(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Event-Type': record.eventType,
          'X-Signature-Timestamp': timestamp,
          'X-Signature-Hmac-Sha256': signature,
        },
        body: record.body,
      });
      record.delivery.status = response.status;
      if (response.status === 200) return;
    } catch (error) {
      record.delivery.error = error instanceof Error ? error.message : String(error);
    }
    const wait = RETRY_DELAYS_MS[attempt];
    if (wait === undefined) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.deliver(record, url, attempt + 1);
    }, wait);
    this.timers.add(timer);
  }
}
