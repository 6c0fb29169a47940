import { html, nothing } from 'lit';
import type { RequestState } from '../../flows/permission-requests.js';
import type { Messages } from '../../i18n/en.js';
import { errorText } from '../../i18n/format.js';
import type { AgeInput } from '../../model/ports.js';

type AgeGateState = Extract<RequestState, { state: 'age-gate' }>;

/**
 * The age gate of a first consent: a date of birth, or an age, whichever k-ID approved
 * for the jurisdiction (date of birth when both are). `submit` gets exactly one of them.
 */
export function ageGate(current: AgeGateState, t: Messages, submit: (age: AgeInput) => void) {
  const methods = current.requirements?.approvedAgeCollectionMethods ?? [];
  const byAge = methods.length > 0 && !methods.some((m) => /birth/i.test(m)) && methods.some((m) => /age/i.test(m));
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const value = (form.elements.namedItem('age') as HTMLInputElement | null)?.value.trim() ?? '';
    const output = form.querySelector('[data-invalid]');
    if (byAge ? !/^\d{1,3}$/.test(value) : !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      if (output) output.textContent = t.ageGate.invalid;
      return;
    }
    if (output) output.textContent = '';
    submit(byAge ? { age: Number(value) } : { dateOfBirth: value });
  };
  const loading = current.checking && !current.requirements;
  return html`
    <form part="age-gate" @submit=${onSubmit} novalidate aria-labelledby="age-title">
      <h2 id="age-title" tabindex="-1">${t.ageGate.title}</h2>
      <p>${t.ageGate.lead}</p>
      <label for="age">${byAge ? t.ageGate.age : t.ageGate.dateOfBirth}</label>
      ${byAge
        ? html`<input id="age" name="age" inputmode="numeric" autocomplete="off" ?disabled=${current.checking} />`
        : html`<input id="age" name="age" type="date" autocomplete="bday" ?disabled=${current.checking} />`}
      <p class="problem" role="alert" data-invalid></p>
      ${current.error ? html`<p class="problem" role="alert">${t.ageGate.failed} ${errorText(current.error, t)}</p>` : nothing}
      <div class="actions">
        <button type="submit" ?disabled=${current.checking}>${current.checking && !loading ? t.ageGate.checking : t.ageGate.submit}</button>
      </div>
    </form>
  `;
}
