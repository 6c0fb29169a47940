import { expect } from '@open-wc/testing';
import type { CSSResult } from 'lit';
import { squeezeCss, squeezeCssLiterals } from '../scripts/css-literals.js';
import { challengePanelStyles } from '../src/elements/challenge-panel/challenge-panel.styles.js';
import { consentPromptStyles } from '../src/elements/consent-prompt/consent-prompt.styles.js';
import { permissionRequestStyles } from '../src/elements/permission-request/permission-request.styles.js';
import { sessionStatusStyles } from '../src/elements/session-status/session-status.styles.js';
import { buttonStyles, themes, tokens } from '../src/styles/tokens.js';

const rules = (text: string) => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(text);
  // Custom properties keep their raw text, where `a, b` and `a,b` mean the same.
  return [...sheet.cssRules].map((rule) => rule.cssText.replace(/, +/g, ','));
};

// The package ships its stylesheets squeezed (scripts/css-literals.js): the browser must
// read exactly the same rules from them as from the sources the tests and stories use.
describe('squeezed stylesheets', () => {
  const sheets: Record<string, CSSResult> = { tokens, themes, buttonStyles, challengePanelStyles, consentPromptStyles, permissionRequestStyles, sessionStatusStyles };
  for (const [name, sheet] of Object.entries(sheets)) {
    it(`${name}: the same rules, in fewer bytes`, () => {
      const squeezed = squeezeCss(sheet.cssText);
      expect(rules(squeezed)).to.deep.equal(rules(sheet.cssText));
      expect(rules(sheet.cssText).length).to.be.greaterThan(0);
      expect(squeezed.length).to.be.lessThan(sheet.cssText.length * 0.9);
    });
  }

  it('keeps interpolations and line numbers, and touches only css literals', () => {
    const source = 'const a = `  a  b  `;\nconst s = css`\n  :host {\n    color: ${unsafeCSS(x)};  /* why\n  here */\n  }\n`;\n';
    const squeezed = squeezeCssLiterals(source);
    expect(squeezed).to.equal('const a = `  a  b  `;\nconst s = css`\n:host{\ncolor:${unsafeCSS(x)};\n\n}\n`;\n');
    expect(squeezed.split('\n').length).to.equal(source.split('\n').length);
  });

  it('never joins tokens, and leaves quoted text and nested interpolations alone', () => {
    expect(squeezeCss('margin: 0/* x */auto;')).to.equal('margin:0 auto;');
    expect(squeezeCss('content: "a ,  b: > c"; [title=\'x ,  y\'] { }')).to.equal('content:"a ,  b: > c";[title=\'x ,  y\']{}');
    expect(squeezeCssLiterals('css`a { b: ${f({ c: 1 })} }`')).to.equal('css`a{b:${f({ c: 1 })}}`');
  });
});
