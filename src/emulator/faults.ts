export type Vendor = 'kid' | 'nodecraft' | 'elements';
export type FaultKind = 'latency' | '5xx' | 'drop' | 'malformed' | '429';

export interface FaultSpec {
  vendor: Vendor;
  /** A path prefix under the vendor's root, e.g. `/session/get`. */
  path: string;
  method?: string;
  kind: FaultKind;
  /** `latency`: how long to hold the answer. */
  ms?: number;
  /** `5xx`: which status (default 503). */
  status?: number;
  /** `429`: the Retry-After seconds (default 1). */
  retryAfter?: number;
  /** How many matching requests it hits; unlimited when left out. */
  times?: number;
}

export interface Fault extends FaultSpec {
  id: string;
  hits: number;
}

const KINDS: readonly FaultKind[] = ['latency', '5xx', 'drop', 'malformed', '429'];
const VENDORS: readonly Vendor[] = ['kid', 'nodecraft', 'elements'];

/** Faults injected per route, in the order they were added. */
export class Faults {
  readonly list: Fault[] = [];
  private counter = 0;

  add(spec: unknown): Fault | string {
    const s = (spec ?? {}) as Partial<FaultSpec>;
    if (!s.vendor || !VENDORS.includes(s.vendor)) return `vendor must be one of ${VENDORS.join(', ')}`;
    if (!s.kind || !KINDS.includes(s.kind)) return `kind must be one of ${KINDS.join(', ')}`;
    if (typeof s.path !== 'string' || !s.path.startsWith('/')) return 'path must start with /';
    if (s.status !== undefined && (s.status < 500 || s.status > 599)) return 'status must be a 5xx';
    this.counter += 1;
    const fault: Fault = { ...(s as FaultSpec), id: `fault-${this.counter}`, hits: 0 };
    this.list.push(fault);
    return fault;
  }

  /** The fault for this request, if any; counts the hit and retires spent faults. */
  take(vendor: Vendor, method: string, path: string): Fault | undefined {
    const fault = this.list.find(
      (f) => f.vendor === vendor && path.startsWith(f.path) && (f.method === undefined || f.method.toUpperCase() === method),
    );
    if (!fault) return undefined;
    fault.hits += 1;
    if (fault.times !== undefined && fault.hits >= fault.times) this.list.splice(this.list.indexOf(fault), 1);
    return fault;
  }

  clear(): void {
    this.list.length = 0;
  }
}

/** An error body in the vendor's own shape. */
export function vendorErrorBody(vendor: Vendor, status: number): unknown {
  const limited = status === 429;
  if (vendor === 'kid') return limited ? { error: 'RATE_LIMITED', errorMsg: 'Too many requests' } : { error: 'INTERNAL_ERROR', errorMsg: 'Injected failure' };
  if (vendor === 'elements') return limited ? { code: 'OVERLOAD', message: 'Too many requests' } : { code: status === 503 ? 'OVERLOAD' : 'UNKNOWN', message: 'Injected failure' };
  return { code: limited ? 'rate_limited' : 'internal_error', message: limited ? 'Too many requests' : 'Injected failure', success: false, data: null, error: true };
}
