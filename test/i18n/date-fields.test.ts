import { expect } from '@open-wc/testing';
import { birthDate, dateFieldName, dateFieldOrder, monthNames } from '../../src/i18n/date-fields.js';

describe('date of birth fields', () => {
  it('orders the fields as each locale writes a date', () => {
    expect(dateFieldOrder('en')).to.deep.equal(['month', 'day', 'year']);
    expect(dateFieldOrder('de')).to.deep.equal(['day', 'month', 'year']);
    expect(dateFieldOrder('ja')).to.deep.equal(['year', 'month', 'day']);
  });

  it("names the fields and the months in the locale's words", () => {
    expect(dateFieldName('month', 'en')).to.equal('Month');
    expect(dateFieldName('year', 'fr')).to.equal('Année');
    expect(monthNames('es')[0]).to.equal('enero');
    expect(monthNames('en')).to.have.length(12);
  });

  it('accepts only a day that exists and is not in the future', () => {
    const today = new Date(Date.UTC(2026, 10, 22));
    expect(birthDate(2015, 4, 15, today)).to.equal('2015-04-15');
    expect(birthDate(2016, 2, 29, today), 'a leap day').to.equal('2016-02-29');
    expect(birthDate(2015, 2, 29, today), 'no leap day that year').to.equal(undefined);
    expect(birthDate(2015, 4, 31, today), 'April has 30 days').to.equal(undefined);
    expect(birthDate(2027, 1, 1, today), 'the future').to.equal(undefined);
    expect(birthDate(Number.NaN, 1, 1, today), 'a field left empty').to.equal(undefined);
  });
});
