import { css } from 'lit';

export const sessionStatusStyles = css`
  :host {
    display: block;
    max-width: 100%;
  }
  :host([hidden]) {
    display: none;
  }
  [part='base'] {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 2);
    box-sizing: border-box;
  }
  /* Compact: a HUD pill, with what changed as a card below it rather than inside it. */
  :host([layout='compact']) [part='base'] {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--_space);
    padding: 0;
    background: none;
    border: none;
  }
  :host([layout='compact']) .pill {
    display: inline-flex;
    align-items: center;
    flex-wrap: wrap;
    gap: var(--_space);
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-radius: 999px;
    background: var(--_surface);
    border: 1px solid var(--_border);
  }
  h2,
  h3 {
    margin: 0 0 var(--_space);
    font-size: 1rem;
    line-height: 1.3;
  }
  p {
    margin: 0 0 var(--_space);
  }
  .muted {
    color: var(--_muted);
  }
  [part='identity'] {
    margin-bottom: calc(var(--_space) * 2);
  }
  [part='group'] {
    margin: calc(var(--_space) * 1.5) 0 0;
  }
  /* "What I agreed to": one answer per row, who and when under it. */
  [part='history-list'] {
    list-style: none;
    margin: 0 0 var(--_space);
    padding: 0;
  }
  [part='history-entry'] {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: calc(var(--_space) / 2);
    padding: var(--_space) 0;
    border-top: 1px solid var(--_border);
  }
  [part='history-meta'],
  [part='history-detail'],
  [part='history-note'] {
    font-size: 0.875rem;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  [part='permission'] {
    display: flex;
    justify-content: space-between;
    gap: var(--_space);
    padding: calc(var(--_space) / 2) 0;
    border-bottom: 1px solid var(--_border);
  }
  [part='permission'] > span:first-child {
    display: inline-block;
  }
  [part='permission'] > span:first-child::first-letter {
    text-transform: uppercase;
  }
  [part='permission']:last-child {
    border-bottom: none;
  }
  .state-on {
    color: var(--_positive);
    font-weight: 600;
  }
  [part='badge'] {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_space) / 2);
    font-weight: 600;
  }
  [part='dot'] {
    width: 10px;
    height: 10px;
    border-radius: 50%;
    background: var(--_positive);
    flex: none;
  }
  [part='dot'].warn {
    background: var(--_warning);
  }
  [part='dot'].bad {
    background: var(--_danger);
  }
  /* High contrast repaints backgrounds: the light keeps a shape (ring for trouble) and
     a system colour instead of vanishing. */
  @media (forced-colors: active) {
    [part='dot'] {
      forced-color-adjust: none;
      background: CanvasText;
    }
    [part='dot'].warn,
    [part='dot'].bad {
      background: Canvas;
      border: 3px solid Mark;
      box-sizing: border-box;
    }
  }
  [part='changes'] {
    margin-top: calc(var(--_space) * 1.5);
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-inline-start: 4px solid var(--_accent);
    background: color-mix(in srgb, var(--_accent) 10%, transparent);
    border-radius: calc(var(--_radius) / 2);
  }
  :host([layout='compact']) [part='changes'] {
    margin: 0;
    max-width: 24rem;
    background: var(--_surface);
    box-shadow: inset 0 0 0 999px color-mix(in srgb, var(--_accent) 10%, transparent);
    border-top: 1px solid var(--_border);
    border-inline-end: 1px solid var(--_border);
    border-bottom: 1px solid var(--_border);
  }
  [part='changes'] ul {
    margin-bottom: var(--_space);
  }
  [part='problem'] {
    color: var(--_danger);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  [part='verify'] {
    margin: var(--_space) 0;
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-inline-start: 4px solid var(--_accent);
  }
  [part='verify-text'] {
    margin: 0 0 var(--_space);
  }
`;
