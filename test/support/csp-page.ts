// Runs inside /__csp/page.html, under the strict policy: records every violation the
// page sees, then loads all of playgate. The test drives the elements from outside.
declare global {
  interface Window {
    cspViolations: string[];
    playgateLoaded: Promise<unknown>;
  }
}

window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.cspViolations.push(`${event.effectiveDirective}: ${event.blockedURI} ${event.sample}`);
});
window.playgateLoaded = import('../../src/index.js');

export {};
