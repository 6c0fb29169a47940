import { html, nothing } from 'lit';
import type { RequestState } from '../../flows/permission-requests.js';
import { addEnglish, type Messages } from '../../i18n/en.js';
import { birthDate, dateFieldName, dateFieldOrder, monthNames, type DateField } from '../../i18n/date-fields.js';
import { errorText } from '../../i18n/format.js';
import type { AgeInput } from '../../model/ports.js';
import { ageGate as ageGateWords } from '../../i18n/en/age-gate.js';

// The English words it speaks, with it.
addEnglish({ ageGate: ageGateWords });

type AgeGateState = Extract<RequestState, { state: 'age-gate' }>;

const OLDEST = 120;

/**
 * The age gate of a first consent: a date of birth, or an age, whichever k-ID approved
 * for the jurisdiction (date of birth when both are). `submit` gets exactly one of them.
 * Every field is a `<select>` that starts empty (a neutral age screen suggests no age),
 * so a pad can set it with left and right, a keyboard by typing, a phone with its picker.
 */
export function ageGate(current: AgeGateState, t: Messages, locale: string, submit: (age: AgeInput) => void) {
  // A date of birth when both are approved (or nothing is said); an age only where that alone is.
  const methods = current.requirements?.methods;
  const byAge = methods !== undefined && methods.age && !methods.dateOfBirth;
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const field = (name: string) => Number((form.elements.namedItem(name) as HTMLSelectElement | null)?.value || NaN);
    const dateOfBirth = byAge ? undefined : birthDate(field('year'), field('month'), field('day'));
    const age = byAge && Number.isInteger(field('age')) ? field('age') : undefined;
    const output = form.querySelector('[data-invalid]');
    if (dateOfBirth === undefined && age === undefined) {
      if (output) output.textContent = t.ageGate.invalid;
      return;
    }
    if (output) output.textContent = '';
    submit(age === undefined ? { dateOfBirth: dateOfBirth ?? '' } : { age });
  };
  const loading = current.checking && !current.requirements;
  return html`
    <form part="age-gate" @submit=${onSubmit} novalidate aria-labelledby="age-title">
      <h2 id="age-title" part="age-title" tabindex="-1">${t.ageGate.title}</h2>
      <p part="age-lead">${t.ageGate.lead}</p>
      ${byAge ? ageField(t, locale, current.checking) : dateFields(t, locale, current.checking)}
      <p class="problem" part="age-problem" role="alert" data-invalid></p>
      ${current.error ? html`<p class="problem" part="age-problem" role="alert">${t.ageGate.failed} ${errorText(current.error, t)}</p>` : nothing}
      <div class="actions">
        <button type="submit" part="age-submit" ?disabled=${current.checking}>${current.checking && !loading ? t.ageGate.checking : t.ageGate.submit}</button>
      </div>
    </form>
  `;
}

function ageField(t: Messages, locale: string, disabled: boolean) {
  const number = new Intl.NumberFormat(locale, { useGrouping: false });
  const ages = Array.from({ length: OLDEST }, (_, index) => index + 1);
  return html`
    <label class="field" part="age-field">
      <span>${t.ageGate.age}</span>
      <select name="age" part="age-select" ?disabled=${disabled}>
        <option value="">—</option>
        ${ages.map((age) => html`<option value=${age}>${number.format(age)}</option>`)}
      </select>
    </label>
  `;
}

function dateFields(t: Messages, locale: string, disabled: boolean) {
  const number = new Intl.NumberFormat(locale, { useGrouping: false });
  const thisYear = new Date().getFullYear();
  const options: Record<DateField, Array<[number, string]>> = {
    day: Array.from({ length: 31 }, (_, index) => [index + 1, number.format(index + 1)]),
    month: monthNames(locale).map((name, index) => [index + 1, name]),
    // Newest first: children are the players who meet this gate most.
    year: Array.from({ length: OLDEST + 1 }, (_, index) => [thisYear - index, number.format(thisYear - index)]),
  };
  return html`
    <fieldset class="date" part="birth-date" ?disabled=${disabled}>
      <legend>${t.ageGate.dateOfBirth}</legend>
      ${dateFieldOrder(locale).map(
        (field) => html`
          <label class="field" part="age-field">
            <span>${dateFieldName(field, locale)}</span>
            <select name=${field} part="age-select">
              <option value="">—</option>
              ${options[field].map(([value, label]) => html`<option value=${value}>${label}</option>`)}
            </select>
          </label>
        `,
      )}
    </fieldset>
  `;
}
