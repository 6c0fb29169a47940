#!/usr/bin/env node
// Keeps the house plan honest (design/architecture.md):
// - vendor knowledge (paths, headers, error codes, hosts) only in src/backends/, src/server/, src/emulator/;
// - DOM only in src/elements/ (and stories).
// Prints each offending line and exits 1.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const src = join(root, 'src');
const VENDOR_HOMES = ['backends', 'server', 'emulator'];
const DOM_HOMES = ['elements'];

const VENDOR = [
  /\bsession\/(get|upgrade|update-jurisdiction)\b/,
  /\bage-gate\//,
  /\bchallenge\/(get|get-status|send-email|generate-otp|await)\b/,
  /\bapi\/v1\b/,
  /\bident\/(token|session)\b/,
  /\bconsents[./](game|player|server|legal|rules)/,
  /\bx-nodecraft-/i,
  /\belements-sessionsecret\b/i,
  /\bprofile\/current\b/,
  /\bapi\/rest\b/,
  /\b(NOT_FOUND|INVALID_EMAIL|FORBIDDEN|UNAUTHORIZED|INVALID_DATA|OVERLOAD)\b/,
  /\bdiscovery\.server\./,
  /k-id\.com|nodecraft\.studio|getelements\.dev|namazustudios/i,
  // k-ID's challenge types and age-collection methods: the adapter turns them into model
  // terms (a challenge's purpose, the age gate's methods as flags).
  /\bCHALLENGE_(PARENTAL|SESSION|AGE_GATE|BULK|UPDATE)[A-Z_]*\b/,
  /\bapprovedAgeCollectionMethods\b/,
  /['"](date-of-birth|age-slider|platform-account)['"]/,
];
const DOM = [/\bdocument\.[A-Za-z_]/, /\bcustomElements\b/, /\bHTMLElement\b/, /\bwindow\.[A-Za-z_]/, /\bshadowRoot\b/];

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.ts$/.test(name) && !/\.(test|stories)\.ts$/.test(name)) yield path;
  }
}

const problems = [];
for (const file of files(src)) {
  const layer = relative(src, file).split(sep)[0];
  const rules = [
    ...(VENDOR_HOMES.includes(layer) ? [] : VENDOR.map((re) => [re, 'vendor knowledge outside src/backends/'])),
    ...(DOM_HOMES.includes(layer) ? [] : DOM.map((re) => [re, 'DOM outside src/elements/'])),
  ];
  readFileSync(file, 'utf8').split('\n').forEach((line, index) => {
    for (const [re, why] of rules) {
      if (re.test(line)) problems.push(`${relative(root, file)}:${index + 1}: ${why}: ${line.trim()}`);
    }
  });
}

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('layers: vendor knowledge and DOM are where they belong');
