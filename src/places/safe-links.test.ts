import { describe, expect, it } from 'vitest';
import { mailtoHref, safeEmail, safeWebUrl, telHref } from './safe-links';

describe('safeWebUrl: only http(s) web addresses survive', () => {
  it.each([
    ['javascript:alert(document.domain)//'],
    ['JaVaScRiPt:alert(1)'],
    ['  javascript:alert(1)'],
    ['\tjavascript:alert(1)'],
    ['java\tscript:alert(1)'],
    ['java\nscript:alert(1)'],
    ['java\rscript:alert(1)'],
    ['\u0000javascript:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['vbscript:msgbox(1)'],
    ['VBScript:msgbox(1)'],
    ['file:///etc/passwd'],
    ['blob:https://example.fr/1234'],
    ['ftp://example.fr/fichier'],
    ['javascript&colon;alert(1)'],
    ['javascript&#58;alert(1)'],
    ['&#106;avascript:alert(1)'],
    ['&#x6A;avascript:alert(1)'],
    ['/rendez-vous'],
    ['../rdv'],
    ['//evil.example/rdv'],
    ['?x=1'],
    ['https://user:secret@rdv.example.fr/'],
    ['http://raymondmalakai@gmail.com'],
    ['https://'],
    [''],
    ['   '],
  ])('%j is refused', (raw) => {
    expect(safeWebUrl(raw)).toBeNull();
  });

  it('keeps http and https addresses, in the form the browser follows', () => {
    expect(safeWebUrl('https://rdv.exemple.fr/lieu?id=3#creneaux')).toBe('https://rdv.exemple.fr/lieu?id=3#creneaux');
    expect(safeWebUrl('HTTPS://RDV.Exemple.fr/Lieu')).toBe('https://rdv.exemple.fr/Lieu');
    expect(safeWebUrl('  http://mairie.exemple.fr  ')).toBe('http://mairie.exemple.fr/');
  });

  it('reads a site written without its scheme, as the BFC file does, as https', () => {
    expect(safeWebUrl('www.missionlocaledusenonais.com')).toBe('https://www.missionlocaledusenonais.com/');
    expect(safeWebUrl('missionslocales-bfc.fr/mission-locale-llc/')).toBe('https://missionslocales-bfc.fr/mission-locale-llc/');
    expect(safeWebUrl('Ameli.fr')).toBe('https://ameli.fr/');
  });

  it('turns an international host name into its ASCII form', () => {
    // RFC 3492's own example: bücher → xn--bcher-kva
    expect(safeWebUrl('https://bücher.example/ateliers')).toBe('https://xn--bcher-kva.example/ateliers');
    expect(safeWebUrl('bücher.example')).toBe('https://xn--bcher-kva.example/');
  });

  it('ignores what is not a string (a JSON file may hold anything)', () => {
    expect(safeWebUrl(null)).toBeNull();
    expect(safeWebUrl(undefined)).toBeNull();
    expect(safeWebUrl(42 as unknown as string)).toBeNull();
  });
});

describe('safeEmail and mailtoHref', () => {
  it('keeps a plain address and builds the mailto link itself', () => {
    expect(safeEmail(' epn@mairie-exemple.fr ')).toBe('epn@mairie-exemple.fr');
    expect(safeEmail('mailto:epn@mairie-exemple.fr')).toBe('epn@mairie-exemple.fr');
    expect(mailtoHref('epn@mairie-exemple.fr')).toBe('mailto:epn@mairie-exemple.fr');
  });

  it.each([
    ['epn@blanzy71 fr'],
    ['bpellicier@ccas-chatenoyleroyal'],
    ['a@b.fr?bcc=everyone@example.fr'],
    ['a@b.fr,c@d.fr'],
    ['javascript:alert(1)//@x.fr'],
    ['<a@b.fr>'],
    [''],
  ])('%j is refused', (raw) => {
    expect(safeEmail(raw)).toBeNull();
    expect(mailtoHref(raw)).toBeNull();
  });
});

describe('telHref: built from the digits only', () => {
  it('keeps the digits and a leading plus', () => {
    expect(telHref('03 73 27 51 57')).toBe('tel:0373275157');
    expect(telHref('+33 3 73 27 51 57')).toBe('tel:+33373275157');
  });

  it('drops whatever else a file wrote in the phone field', () => {
    expect(telHref('javascript:alert(1)//0381000000')).toBe('tel:10381000000');
    expect(telHref('"><script>alert(1)</script>')).toBeNull();
    expect(telHref(null)).toBeNull();
  });
});
