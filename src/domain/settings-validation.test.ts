import { describe, expect, it } from 'vitest';
import { DEFAULT_DEVICE_SETTINGS, type DeviceSettings } from './device-settings';
import { draftFromSettings, validateSettings, type DeviceSettingsDraft, type SettingsErrors } from './settings-validation';

/** The form of a configured mediator tablet in Dole, sending to the region's collector; valid unless told otherwise. */
function draft(extra: Partial<DeviceSettingsDraft> = {}): DeviceSettingsDraft {
  return {
    mode: 'mediatorTablet',
    defaultLanguage: 'fr',
    languagesOffered: ['fr', 'ar', 'uk'],
    inactivitySeconds: '120',
    inseeCode: '39198',
    retentionDays: '60',
    location: { lat: '47.0925', lon: '5.4898', label: 'Médiathèque de Dole' },
    readAloudDefault: true,
    sync: { enabled: true, collectorUrl: 'https://observatoire.example.fr/api', token: 'tok_3fA9-xQ' },
    placesSourceUrl: '',
    territoryLevel: 'departement',
    k: '5',
    reasonableDistanceKm: '45',
    pxPerMm: '4,2',
    ...extra,
  };
}

const errorsOf = (form: DeviceSettingsDraft): SettingsErrors => {
  const result = validateSettings(form);
  return result.ok ? {} : result.errors;
};
const errorOn = (form: DeviceSettingsDraft, field: keyof SettingsErrors) => errorsOf(form)[field];

describe('validateSettings: the screen\'s pixels per millimetre (the touch try\'s targets)', () => {
  it('takes a decimal with a comma or a point, within what screens have', () => {
    const result = validateSettings(draft({ pxPerMm: '5.9' }));
    expect(result.ok && result.settings.pxPerMm).toBe(5.9);
  });

  it('refuses what no screen has, or what is not a number, naming the field', () => {
    expect(errorOn(draft({ pxPerMm: '1' }), 'pxPerMm')).toBe('outOfRange');
    expect(errorOn(draft({ pxPerMm: '40' }), 'pxPerMm')).toBe('outOfRange');
    expect(errorOn(draft({ pxPerMm: 'six' }), 'pxPerMm')).toBe('notANumber');
    expect(errorOn(draft({ pxPerMm: '' }), 'pxPerMm')).toBe('required');
  });
});

describe('validateSettings: a valid form', () => {
  it('given a complete form, then the settings come out typed and trimmed', () => {
    const result = validateSettings(
      draft({ inseeCode: ' 39198 ', location: { lat: '47,0925', lon: '5.4898', label: '  Médiathèque de Dole ' } }),
    );
    const expected: DeviceSettings = {
      mode: 'mediatorTablet',
      defaultLanguage: 'fr',
      languagesOffered: ['fr', 'ar', 'uk'],
      inactivitySeconds: 120,
      inseeCode: '39198',
      retentionDays: 60,
      location: { lat: 47.0925, lon: 5.4898, label: 'Médiathèque de Dole' },
      readAloudDefault: true,
      sync: { enabled: true, collectorUrl: 'https://observatoire.example.fr/api', token: 'tok_3fA9-xQ' },
      placesSourceUrl: null,
      territoryLevel: 'departement',
      k: 5,
      reasonableDistanceKm: 45,
      pxPerMm: 4.2,
    };
    expect(result).toEqual({ ok: true, settings: expected });
  });

  it('given the defaults put into the form, then the same settings come back', () => {
    expect(validateSettings(draftFromSettings(DEFAULT_DEVICE_SETTINGS))).toEqual({ ok: true, settings: DEFAULT_DEVICE_SETTINGS });
  });

  it('given numbers straight from number inputs, then they are taken as they are', () => {
    const result = validateSettings(draft({ inactivitySeconds: 45, k: 7, location: { lat: -21.1, lon: 55.5, label: 'Saint-Denis' } }));
    expect(result.ok && [result.settings.inactivitySeconds, result.settings.k, result.settings.location]).toEqual([
      45,
      7,
      { lat: -21.1, lon: 55.5, label: 'Saint-Denis' },
    ]);
  });

  it('given languages ticked in any order or twice, then they are kept once, in the order of the language list', () => {
    const result = validateSettings(draft({ languagesOffered: ['uk', 'fr', 'ar', 'fr'] }));
    expect(result.ok && result.settings.languagesOffered).toEqual(['fr', 'ar', 'uk']);
  });

  it('given a location left entirely empty, then the device has no location', () => {
    const result = validateSettings(draft({ location: { lat: '', lon: ' ', label: '' } }));
    expect(result.ok && result.settings.location).toBeNull();
  });
});

describe('validateSettings: nothing half-saved', () => {
  it('given several wrong fields, then every one is reported and no settings come out', () => {
    const result = validateSettings(draft({ inactivitySeconds: '5', inseeCode: 'ABCDE', k: '2', placesSourceUrl: 'http://lieux.example.fr' }));
    expect(result).toEqual({
      ok: false,
      errors: { inactivitySeconds: 'outOfRange', inseeCode: 'invalidFormat', k: 'outOfRange', placesSourceUrl: 'insecureUrl' },
    });
  });
});

describe('validateSettings: coordinates', () => {
  it('accepts the bounds and refuses what lies beyond', () => {
    expect(errorsOf(draft({ location: { lat: '-90', lon: '180', label: 'Pôle' } }))).toEqual({});
    expect(errorsOf(draft({ location: { lat: '90.0001', lon: '-180.5', label: 'Nulle part' } }))).toEqual({
      'location.lat': 'outOfRange',
      'location.lon': 'outOfRange',
    });
  });

  it('refuses text that is not a number, and a location given only in part', () => {
    expect(errorsOf(draft({ location: { lat: '47°05', lon: '', label: 'Dole' } }))).toEqual({
      'location.lat': 'notANumber',
      'location.lon': 'required',
    });
    expect(errorOn(draft({ location: { lat: '47.09', lon: '5.49', label: '' } }), 'location.label')).toBe('required');
    expect(errorOn(draft({ location: { lat: Number.NaN, lon: 5.49, label: 'Dole' } }), 'location.lat')).toBe('notANumber');
  });

  it('refuses a label longer than 100 characters', () => {
    expect(errorOn(draft({ location: { lat: '47', lon: '5', label: 'x'.repeat(101) } }), 'location.label')).toBe('tooLong');
    expect(errorOn(draft({ location: { lat: '47', lon: '5', label: 'x'.repeat(100) } }), 'location.label')).toBeUndefined();
  });
});

describe('validateSettings: INSEE commune code', () => {
  it.each(['21231', '2A004', '2b033', '97411', '97611', '01001', '95690'])('accepts %s', (code) => {
    expect(errorOn(draft({ inseeCode: code }), 'inseeCode')).toBeUndefined();
  });

  it('writes Corsican codes in capitals', () => {
    const result = validateSettings(draft({ inseeCode: '2b033' }));
    expect(result.ok && result.settings.inseeCode).toBe('2B033');
  });

  it.each(['ABCDE', '2123', '212310', '20004', '00100', '96001', '97911', '2C004', '21 231'])('refuses %s', (code) => {
    expect(errorOn(draft({ inseeCode: code }), 'inseeCode')).toBe('invalidFormat');
  });

  it('may be left empty while nothing is sent, but is required to send (no commune, no batch)', () => {
    const notSending = validateSettings(draft({ inseeCode: '', sync: { enabled: false, collectorUrl: '', token: '' } }));
    expect(notSending.ok && notSending.settings.inseeCode).toBeNull();
    expect(errorOn(draft({ inseeCode: '' }), 'inseeCode')).toBe('required');
  });
});

describe('validateSettings: numbers of the device', () => {
  it('takes 30 to 600 whole seconds of inactivity', () => {
    expect(errorOn(draft({ inactivitySeconds: '30' }), 'inactivitySeconds')).toBeUndefined();
    expect(errorOn(draft({ inactivitySeconds: '600' }), 'inactivitySeconds')).toBeUndefined();
    expect(errorOn(draft({ inactivitySeconds: '29' }), 'inactivitySeconds')).toBe('outOfRange');
    expect(errorOn(draft({ inactivitySeconds: '601' }), 'inactivitySeconds')).toBe('outOfRange');
    expect(errorOn(draft({ inactivitySeconds: '90,5' }), 'inactivitySeconds')).toBe('notAnInteger');
    expect(errorOn(draft({ inactivitySeconds: 'une minute' }), 'inactivitySeconds')).toBe('notANumber');
    expect(errorOn(draft({ inactivitySeconds: '' }), 'inactivitySeconds')).toBe('required');
  });

  it('keeps results 1 to 365 whole days', () => {
    expect(errorOn(draft({ retentionDays: '1' }), 'retentionDays')).toBeUndefined();
    expect(errorOn(draft({ retentionDays: '365' }), 'retentionDays')).toBeUndefined();
    expect(errorOn(draft({ retentionDays: '0' }), 'retentionDays')).toBe('outOfRange');
    expect(errorOn(draft({ retentionDays: '366' }), 'retentionDays')).toBe('outOfRange');
    expect(errorOn(draft({ retentionDays: '30.5' }), 'retentionDays')).toBe('notAnInteger');
  });

  it('never lets k fall below 3', () => {
    expect(errorOn(draft({ k: '3' }), 'k')).toBeUndefined();
    expect(errorOn(draft({ k: '50' }), 'k')).toBeUndefined();
    expect(errorOn(draft({ k: '2' }), 'k')).toBe('outOfRange');
    expect(errorOn(draft({ k: '-5' }), 'k')).toBe('outOfRange');
    expect(errorOn(draft({ k: '4.5' }), 'k')).toBe('notAnInteger');
  });
});

describe('validateSettings: choices', () => {
  it('refuses a mode or territory level that does not exist', () => {
    expect(errorsOf(draft({ mode: 'kiosk', territoryLevel: 'region' }))).toEqual({ mode: 'invalidChoice', territoryLevel: 'invalidChoice' });
  });

  it('needs at least one language offered, all known', () => {
    expect(errorsOf(draft({ languagesOffered: [] }))).toEqual({ languagesOffered: 'required' });
    expect(errorsOf(draft({ languagesOffered: ['fr', 'klingon'] }))).toEqual({ languagesOffered: 'invalidChoice' });
  });

  it('needs the default language among those offered', () => {
    expect(errorsOf(draft({ defaultLanguage: 'en' }))).toEqual({ defaultLanguage: 'defaultNotOffered' });
    expect(errorsOf(draft({ defaultLanguage: 'xx' }))).toEqual({ defaultLanguage: 'invalidChoice' });
  });
});

describe('validateSettings: sending the counts', () => {
  it('needs a collector and a token once sending is enabled, not before', () => {
    const empty = { collectorUrl: '', token: '' };
    expect(errorsOf(draft({ sync: { enabled: true, ...empty } }))).toEqual({ 'sync.collectorUrl': 'required', 'sync.token': 'required' });
    const off = validateSettings(draft({ sync: { enabled: false, ...empty } }));
    expect(off.ok && off.settings.sync).toEqual({ enabled: false, collectorUrl: null, token: null });
  });

  it.each([
    'https://observatoire.example.fr',
    'https://collecteur.region-bfc.fr:8443/api/v1',
    'http://localhost:3000',
    'http://127.0.0.1:8080/api',
    'http://[::1]:3000',
  ])('accepts the collector %s', (url) => {
    expect(errorOn(draft({ sync: { enabled: true, collectorUrl: url, token: 'abc' } }), 'sync.collectorUrl')).toBeUndefined();
  });

  it.each([
    ['http://observatoire.example.fr', 'insecureUrl'],
    ['http://localhost.evil.fr', 'insecureUrl'],
    ['ftp://observatoire.example.fr', 'insecureUrl'],
    ['observatoire.example.fr', 'invalidUrl'],
    ['https://', 'invalidUrl'],
    ['https://user:secret@observatoire.example.fr', 'invalidUrl'],
    ['https://tok_3fA9@observatoire.example.fr', 'invalidUrl'],
    ['https://observatoire example.fr', 'invalidUrl'],
    ['https://observatoire.example.fr:99999', 'invalidUrl'],
    ['javascript:alert(1)', 'invalidUrl'],
  ])('refuses the collector %s (%s)', (url, code) => {
    expect(errorOn(draft({ sync: { enabled: true, collectorUrl: url, token: 'abc' } }), 'sync.collectorUrl')).toBe(code);
  });

  it('checks a collector typed in even while sending is off', () => {
    expect(errorOn(draft({ sync: { enabled: false, collectorUrl: 'http://example.fr', token: '' } }), 'sync.collectorUrl')).toBe(
      'insecureUrl',
    );
  });

  it('refuses a token with a space inside or characters a request header cannot carry, and trims around it', () => {
    const withToken = (token: string) => draft({ sync: { enabled: true, collectorUrl: 'https://c.example.fr', token } });
    expect(errorOn(withToken('abc def'), 'sync.token')).toBe('containsSpaces');
    expect(errorOn(withToken('jeton-clé'), 'sync.token')).toBe('invalidFormat');
    const trimmed = validateSettings(withToken('  abc.DEF_123  '));
    expect(trimmed.ok && trimmed.settings.sync.token).toBe('abc.DEF_123');
  });
});

describe('validateSettings: places source', () => {
  it('is https or nothing; http is refused even on this machine', () => {
    const result = validateSettings(draft({ placesSourceUrl: 'https://data.example.fr/lieux.json' }));
    expect(result.ok && result.settings.placesSourceUrl).toBe('https://data.example.fr/lieux.json');
    expect(errorOn(draft({ placesSourceUrl: 'http://localhost:3000/lieux.json' }), 'placesSourceUrl')).toBe('insecureUrl');
  });
});

describe('validateSettings: the reasonable distance to a help place', () => {
  it('takes 5 to 200 km, whole numbers, and says why otherwise', () => {
    expect(validateSettings(draft({ reasonableDistanceKm: '80' }))).toMatchObject({ ok: true, settings: { reasonableDistanceKm: 80 } });
    expect(errorOn(draft({ reasonableDistanceKm: '3' }), 'reasonableDistanceKm')).toBe('outOfRange');
    expect(errorOn(draft({ reasonableDistanceKm: '500' }), 'reasonableDistanceKm')).toBe('outOfRange');
    expect(errorOn(draft({ reasonableDistanceKm: '12,5' }), 'reasonableDistanceKm')).toBe('notAnInteger');
    expect(errorOn(draft({ reasonableDistanceKm: 'loin' }), 'reasonableDistanceKm')).toBe('notANumber');
  });
});
