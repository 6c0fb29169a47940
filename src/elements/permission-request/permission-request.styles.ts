import { css } from 'lit';

export const permissionRequestStyles = css`
  :host {
    display: block;
  }
  [part='base'] {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 1.5);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 2);
    box-sizing: border-box;
  }
  /* Inside another surface (the session status, or the game's own card in gate mode), no second box. */
  :host([hide-intro]) [part='base'],
  :host([name]:not([name=''])) [part='base'] {
    border: none;
    padding: 0;
    background: none;
  }
  p {
    margin: 0;
  }
  h2 {
    margin: 0;
    font-size: 1.25rem;
  }
  [part='list'] {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: var(--_space);
  }
  [part='row'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    min-height: 44px;
  }
  [part='label'] {
    flex: 1 1 10rem;
  }
  [part='label']::first-letter {
    text-transform: uppercase;
  }
  .on {
    color: var(--_positive);
    font-weight: 600;
  }
  .muted {
    color: var(--_muted);
  }
  .good {
    color: var(--_positive);
  }
  .problem {
    color: var(--_danger);
  }
  [part='outcome'] {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  [part='outcome'] p {
    color: var(--_text);
  }
  [part='challenge'],
  [part='age-gate'] {
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  [part='age-gate'] {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    align-items: flex-start;
  }
  .date {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  .date legend {
    padding: 0;
    margin-block-end: calc(var(--_space) / 2);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) / 2);
    min-width: 0;
  }
  select {
    font: inherit;
    min-height: 44px;
    max-width: 100%;
    box-sizing: border-box;
    padding: 0 var(--_space);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    color: var(--_text);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    justify-content: flex-end;
  }
  button[disabled] {
    opacity: 0.55;
    cursor: not-allowed;
  }
`;
