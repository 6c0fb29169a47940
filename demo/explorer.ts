// The wire explorer: pick a documented vendor answer (or paste your backend's), and see
// what playgate's adapter asked for and what it made of the answer.
import { html, render } from 'lit';
import { PlaygateError } from '../src/model/error.js';
import { CASES, type Case } from './cases.js';

interface Outcome {
  request?: { method: string; url: string; headers: Record<string, string>; body?: string };
  result?: unknown;
  error?: unknown;
}

const SECRET_HEADERS = /authorization|token|secret/i;

async function run(chosen: Case, status: number, body: string): Promise<Outcome> {
  const outcome: Outcome = {};
  const fetch: typeof globalThis.fetch = (input, init) => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => {
      // Shown so the header's presence is visible, never its value.
      headers[name] = SECRET_HEADERS.test(name) ? '•••' : value;
    });
    const url = input instanceof Request ? input.url : input.toString();
    outcome.request = { method: init?.method ?? 'GET', url, headers, ...(typeof init?.body === 'string' ? { body: init.body } : {}) };
    const noBody = status === 204 || status === 304;
    return Promise.resolve(new Response(noBody ? null : body, { status, headers: { 'Content-Type': 'application/json', ...chosen.headers } }));
  };
  try {
    outcome.result = await chosen.run(fetch);
  } catch (error) {
    outcome.error = error instanceof PlaygateError ? error.toJSON() : String(error);
  }
  return outcome;
}

const state = { index: 0, status: CASES[0]?.status ?? 200, body: CASES[0]?.body ?? '', outcome: undefined as Outcome | undefined };

async function rerun() {
  const chosen = CASES[state.index];
  if (!chosen) return;
  state.outcome = await run(chosen, state.status, state.body);
  draw();
}

function choose(index: number) {
  const chosen = CASES[index];
  if (!chosen) return;
  Object.assign(state, { index, status: chosen.status, body: chosen.body, outcome: undefined });
  void rerun();
}

function draw() {
  const vendors = [...new Set(CASES.map((c) => c.vendor))];
  const { outcome } = state;
  render(
    html`
      <nav aria-label="Documented answers">
        ${vendors.map(
          (vendor) => html`<h2>${vendor}</h2>
            <ul>
              ${CASES.map((c, i) =>
                c.vendor === vendor
                  ? html`<li><button aria-current=${i === state.index ? 'true' : 'false'} @click=${() => { choose(i); }}>${c.title}</button></li>`
                  : null,
              )}
            </ul>`,
        )}
      </nav>
      <main>
        <section>
          <h2>The backend answers</h2>
          <label>Status <input type="number" .value=${String(state.status)} @change=${(e: Event) => { state.status = Number((e.target as HTMLInputElement).value); void rerun(); }} /></label>
          <label>Body <textarea rows="14" spellcheck="false" .value=${state.body} @input=${(e: Event) => { state.body = (e.target as HTMLTextAreaElement).value; }}></textarea></label>
          <button @click=${() => void rerun()}>Run the adapter again</button>
        </section>
        <section>
          <h2>The adapter asked</h2>
          <pre>${outcome?.request ? `${outcome.request.method} ${outcome.request.url}\n${Object.entries(outcome.request.headers).map(([k, v]) => `${k}: ${v}`).join('\n')}${outcome.request.body ? `\n\n${outcome.request.body}` : ''}` : '…'}</pre>
          <h2>playgate made of it</h2>
          ${outcome?.error
            ? html`<p class="bad">Rejected with a PlaygateError</p><pre>${JSON.stringify(outcome.error, null, 2)}</pre>`
            : html`<p class="good">Resolved</p><pre>${outcome?.result === undefined ? '(no value)' : JSON.stringify(outcome.result, null, 2)}</pre>`}
        </section>
      </main>
    `,
    document.body,
  );
}

choose(0);
