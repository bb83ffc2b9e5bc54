import { describe, expect, it } from 'vitest';
import { DeployBaseError, deployBase } from '../../scripts/deploy-base.mjs';

describe('REPERE_BASE, the path the app is served under', () => {
  it('is the root when unset or empty, and the path given otherwise', () => {
    expect(deployBase({})).toBe('/');
    expect(deployBase({ REPERE_BASE: '' })).toBe('/');
    expect(deployBase({ REPERE_BASE: '/' })).toBe('/');
    expect(deployBase({ REPERE_BASE: '/repere/' })).toBe('/repere/');
    expect(deployBase({ REPERE_BASE: '/services/numerique/repere-2026_v2/' })).toBe('/services/numerique/repere-2026_v2/');
  });

  it('refuses a path without its slashes, saying what to write', () => {
    for (const [given, suggestion] of [
      ['repere', '/repere/'],
      ['/repere', '/repere/'],
      ['repere/', '/repere/'],
      ['services/repere', '/services/repere/'],
    ]) {
      expect(() => deployBase({ REPERE_BASE: given })).toThrow(DeployBaseError);
      expect(() => deployBase({ REPERE_BASE: given })).toThrow(`REPERE_BASE=${suggestion}`);
    }
  });

  it('refuses what is not a plain path: another host, dots, spaces, a query', () => {
    for (const given of ['//cdn.example.fr/', '/a//b/', '/../', '/repere/./', '/mes outils/', '/repere/?x=1/', '/répère/', 'https://example.fr/repere/']) {
      expect(() => deployBase({ REPERE_BASE: given }), given).toThrow(DeployBaseError);
    }
  });
});
