/** The widget's calls are a few hundred bytes; k-ID's webhooks a few kilobytes. */
export const MAX_BODY_BYTES = 64 * 1024;

/** A body past the limit: answered 413 without reading the rest. */
export class BodyTooLarge extends Error {
  constructor() {
    super('request body too large');
  }
}

/**
 * A request's body as text, refusing past `max` bytes whatever Content-Length claims
 * (a chunked body has none), so one request cannot make the server buffer megabytes.
 */
export async function readBody(request: Request, max = MAX_BODY_BYTES): Promise<string> {
  if (Number(request.headers.get('content-length') ?? 0) > max) throw new BodyTooLarge();
  // Firefox has no `Request.body` (the in-page stack runs this there): read it whole.
  const stream = Reflect.get(request, 'body') as ReadableStream<Uint8Array> | null | undefined;
  if (stream === undefined) {
    const text = await request.text();
    if (new TextEncoder().encode(text).byteLength > max) throw new BodyTooLarge();
    return text;
  }
  if (!stream) return '';
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new BodyTooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
}
