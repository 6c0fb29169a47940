/// <reference types="node" />
import { createHmac } from 'node:crypto';

/** A webhook signed as k-ID signs one, computed with Node's crypto. */
export function signedWebhook(secret: string, event: unknown, timestamp = Math.floor(Date.now() / 1000)) {
  const body = JSON.stringify(event);
  const signature = createHmac('sha256', secret).update(String(timestamp) + body).digest('hex');
  return {
    body,
    headers: {
      'Content-Type': 'application/json',
      'X-Event-Type': (event as { eventType?: string }).eventType ?? '',
      'X-Signature-Timestamp': String(timestamp),
      'X-Signature-Hmac-Sha256': signature,
    },
  };
}
