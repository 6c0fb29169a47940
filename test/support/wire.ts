/** Browser side of `wire-server.js`: script a peer, then read what it received. */
export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  /** Sent verbatim: a string is the raw body (truncated JSON, HTML, …). */
  body?: string;
  /** The peer waits this long before answering (or until the client gives up). */
  delayMs?: number;
}

export interface RecordedRequest {
  at: number;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
}

export interface Wire {
  baseUrl: string;
  requests(): Promise<RecordedRequest[]>;
  /** The one request the peer saw; fails the test when it saw more or fewer. */
  only(): Promise<RecordedRequest>;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): ScriptedResponse {
  return { status, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...headers } };
}

export function raw(status: number, body: string, contentType = 'text/plain', headers: Record<string, string> = {}): ScriptedResponse {
  return { status, body, headers: { 'Content-Type': contentType, ...headers } };
}

export async function script(...responses: ScriptedResponse[]): Promise<Wire> {
  const created = await fetch('/__wire/scenario', { method: 'POST', body: JSON.stringify({ responses }) });
  const { id, base } = (await created.json()) as { id: string; base: string };
  const requests = async () => {
    const log = await fetch(`/__wire/log/${id}`);
    return ((await log.json()) as { requests: RecordedRequest[] }).requests;
  };
  return {
    baseUrl: new URL(base, location.href).toString(),
    requests,
    async only() {
      const all = await requests();
      if (all.length !== 1) throw new Error(`expected exactly one request, the peer saw ${all.length}`);
      return all[0]!;
    },
  };
}

/** Runs `call`, which must reject, and returns what it rejected with. */
export async function rejection(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to reject, it resolved');
}
