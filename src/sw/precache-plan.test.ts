import { describe, expect, it } from 'vitest';
import { planPrecache } from './precache-plan';

// Names as `vite build` writes them (see vite.config.ts for the mediator's and the statement's messages).
const manifest = [
  { url: 'index.html', revision: 'a1' },
  { url: 'communes.json', revision: 'b2' },
  { url: 'icons/icon-192.png', revision: 'c3' },
  { url: 'icons/favicon.svg', revision: 'c4' },
  { url: 'manifest.webmanifest', revision: 'c5' },
  { url: 'assets/index-CWHWExzf.js', revision: null },
  { url: 'assets/index-BlxEWJqd.css', revision: null },
  { url: 'assets/jsxRuntime-Bu66iifQ.js', revision: null },
  { url: 'assets/fr-Bd30loHF.js', revision: null },
  { url: 'assets/journey-fr-Ab3dEf9h.js', revision: null },
  { url: 'assets/journey-ar-Zz3dEf9h.js', revision: null },
  { url: 'assets/journey-hTEhxsPx.js', revision: null },
  { url: 'assets/ResultScreen-CgD13DJy.js', revision: null },
  { url: 'assets/demo-places-DOCuX0GP.js', revision: null },
  { url: 'assets/dist-BJrmHKyY.js', revision: null },
  { url: 'assets/de-Be4Taou9.js', revision: null },
  { url: 'assets/ar-Dozfoj-9.js', revision: null },
  { url: 'assets/uk-BEobjT-E.js', revision: null },
  { url: 'assets/mediator-Cb9oOPx0.js', revision: null },
  { url: 'assets/mediator-Bo28JLY5.css', revision: null },
  { url: 'assets/mediator-fr-I-I8d8dp.js', revision: null },
  { url: 'assets/mediator-ar-CvowW8n-.js', revision: null },
  { url: 'assets/statement-fr-CivTm3xe.js', revision: null },
  { url: 'assets/AccessibilityScreen-VroxsvAa.js', revision: null },
  { url: 'assets/import-worker-CMskTGeL.js', revision: null },
  { url: 'assets/opening_hours.esm-DFhuHmrn.js', revision: null },
  'assets/places-import-BPOBqGBS.js',
  { url: 'assets/housekeeping-3muw4ef-.js', revision: null },
  { url: 'assets/results-history-DR9ZiFgh.js', revision: null },
  { url: 'assets/results-queries-DmaacKYL.js', revision: null },
  { url: 'assets/outbox-DvHhk53p.js', revision: null },
  { url: 'assets/sync-cycle-B_4poQmm.js', revision: null },
];

describe('planPrecache', () => {
  const plan = planPrecache(manifest);

  it('stores first what a French session needs: the shell, the questionnaire, the result and its places', () => {
    expect(plan.first).toEqual([
      'index.html',
      'assets/index-CWHWExzf.js',
      'assets/jsxRuntime-Bu66iifQ.js',
      'assets/fr-Bd30loHF.js',
      'assets/journey-fr-Ab3dEf9h.js',
      'assets/journey-hTEhxsPx.js',
      'assets/ResultScreen-CgD13DJy.js',
      'assets/demo-places-DOCuX0GP.js',
      'assets/dist-BJrmHKyY.js',
      // the housekeeping seeds a new device's places; its retention and sending of counts wait
      'assets/housekeeping-3muw4ef-.js',
    ]);
  });

  it('leaves for later the other languages, the mediator space (its French messages too), the imports and the icons', () => {
    expect(plan.later).toContain('assets/de-Be4Taou9.js');
    expect(plan.later).toContain('assets/ar-Dozfoj-9.js');
    expect(plan.later).toContain('assets/journey-ar-Zz3dEf9h.js');
    expect(plan.later).toContain('assets/mediator-fr-I-I8d8dp.js');
    expect(plan.later).toContain('assets/statement-fr-CivTm3xe.js');
    expect(plan.later).toContain('assets/opening_hours.esm-DFhuHmrn.js');
    expect(plan.later).toContain('communes.json');
    // the entry's style sheet, inlined into the page, and what a new device has no use for yet
    expect(plan.later).toEqual(expect.arrayContaining(['assets/index-BlxEWJqd.css', 'assets/results-history-DR9ZiFgh.js', 'assets/outbox-DvHhk53p.js', 'assets/sync-cycle-B_4poQmm.js']));
    expect(plan.later).toContain('assets/places-import-BPOBqGBS.js');
    expect(plan.later).toContain('icons/icon-192.png');
    expect(plan.later).toContain('manifest.webmanifest');
  });

  it('loses nothing and stores nothing twice', () => {
    const all = manifest.map((entry) => (typeof entry === 'string' ? entry : entry.url));
    expect([...plan.first, ...plan.later].sort()).toEqual([...all].sort());
  });

  it('does not take a French chunk whose name merely starts like a language for a later one', () => {
    const { first } = planPrecache(['assets/de-duplicate-AbCdEfGh.js', 'assets/es-module-helper-AbCdEfGh.js', 'assets/arrow-AbCdEfGh.js']);
    expect(first).toEqual(['assets/de-duplicate-AbCdEfGh.js', 'assets/es-module-helper-AbCdEfGh.js', 'assets/arrow-AbCdEfGh.js']);
  });
});
