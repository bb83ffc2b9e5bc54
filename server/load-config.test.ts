import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, sha256 } from './load-config';

function configFile(content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'repere-config-')), 'collector.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

describe('loadConfig', () => {
  it('has defaults', () => {
    expect(loadConfig({})).toEqual({
      port: 8787,
      host: '0.0.0.0',
      database: './data/collector.db',
      k: 5,
      tokens: [],
      rateLimitPerMinute: 120,
      logLevel: 'info',
      allowedOrigins: ['*'],
      trustProxy: [],
      places: null,
    });
  });

  it('takes a places file from REPERE_PLACES or the file, none when empty', () => {
    expect(loadConfig({ REPERE_PLACES: '/srv/repere/lieux.csv' }).places).toBe('/srv/repere/lieux.csv');
    expect(loadConfig({ REPERE_PLACES: '' }).places).toBeNull();
  });

  it('reads the reverse proxies to trust, from the environment or the file', () => {
    expect(loadConfig({ REPERE_TRUST_PROXY: '127.0.0.1, ::1,10.0.0.0/8,fd00::/8,loopback' }).trustProxy).toEqual([
      '127.0.0.1',
      '::1',
      '10.0.0.0/8',
      'fd00::/8',
      'loopback',
    ]);
    expect(loadConfig({ REPERE_CONFIG: configFile({ trustProxy: ['192.168.1.10', '172.16.0.0/12'] }) }).trustProxy).toEqual(['192.168.1.10', '172.16.0.0/12']);
    expect(loadConfig({ REPERE_CONFIG: configFile({ trustProxy: ['192.168.1.10'] }), REPERE_TRUST_PROXY: '127.0.0.1' }).trustProxy).toEqual(['127.0.0.1']);
  });

  it.each([
    ['10.0.0.0/33', /"10\.0\.0\.0\/33" is not an address or a range of the reverse proxies; write them like 127\.0\.0\.1/],
    ['10.0.0/8', /"10\.0\.0\/8" is not an address/],
    ['proxy.example.fr', /"proxy\.example\.fr" is not an address/],
    ['127.0.0.1/', /"127\.0\.0\.1\/" is not an address/],
    ['::1/129', /"::1\/129" is not an address/],
    ['*', /\* would trust every address, so any client could forge X-Forwarded-For/],
    ['true', /true would trust every address/],
    ['0.0.0.0/0', /0\.0\.0\.0\/0 would trust every address/],
    ['::/00', /::\/00 would trust every address/],
  ])('refuses REPERE_TRUST_PROXY=%s, saying what to write', (value, message) => {
    expect(() => loadConfig({ REPERE_TRUST_PROXY: value })).toThrow(ConfigError);
    expect(() => loadConfig({ REPERE_TRUST_PROXY: value })).toThrow(message);
  });

  it('refuses a trustProxy in the file that is not a list of strings', () => {
    expect(() => loadConfig({ REPERE_CONFIG: configFile({ trustProxy: [127] }) })).toThrow(/REPERE_TRUST_PROXY must be a comma-separated string or a list of strings/);
    expect(() => loadConfig({ REPERE_CONFIG: configFile({ trustProxy: true }) })).toThrow(/REPERE_TRUST_PROXY must be a comma-separated string or a list of strings/);
  });

  it('reads the kiosks’ origins, and refuses one with a path', () => {
    expect(loadConfig({ REPERE_ORIGINS: 'https://kiosque.example.fr, http://localhost:4173' }).allowedOrigins).toEqual([
      'https://kiosque.example.fr',
      'http://localhost:4173',
    ]);
    expect(() => loadConfig({ REPERE_ORIGINS: 'https://kiosque.example.fr/app' })).toThrow(/REPERE_ORIGINS/);
  });

  it('reads the environment, tokens labelled by their hash only', () => {
    const config = loadConfig({ PORT: '9000', REPERE_K: '7', REPERE_TOKENS: ' alpha-token-1 ,beta-token-2,', REPERE_RATE_LIMIT: '30' });
    expect(config).toMatchObject({ port: 9000, k: 7, rateLimitPerMinute: 30 });
    expect(config.tokens).toEqual([
      { label: `env-${sha256('alpha-token-1').slice(0, 8)}`, sha256: sha256('alpha-token-1'), revoked: false },
      { label: `env-${sha256('beta-token-2').slice(0, 8)}`, sha256: sha256('beta-token-2'), revoked: false },
    ]);
    expect(JSON.stringify(config)).not.toContain('alpha-token-1');
  });

  it('refuses k below 3 with a message that says why and what to do', () => {
    expect(() => loadConfig({ REPERE_K: '2' })).toThrow(ConfigError);
    expect(() => loadConfig({ REPERE_K: '2' })).toThrow(/REPERE_K is 2.*Use 3 or more/);
    expect(() => loadConfig({ REPERE_K: 'five' })).toThrow(/REPERE_K must be an integer/);
  });

  it('reads a JSON file of labelled tokens, revoked or given by hash, under the environment', () => {
    const file = configFile({
      port: 8000,
      k: 10,
      db: '/var/lib/repere/collector.db',
      tokens: [
        { label: 'mediatheque-dijon', token: 'dijon-secret-token' },
        { label: 'ancien-poste', token: 'old-secret-token', revoked: true },
        { label: 'bus-numerique', sha256: sha256('bus-secret-token') },
      ],
    });
    const config = loadConfig({ REPERE_CONFIG: file, PORT: '8100' });
    expect(config).toMatchObject({ port: 8100, k: 10, database: '/var/lib/repere/collector.db' });
    expect(config.tokens).toEqual([
      { label: 'mediatheque-dijon', sha256: sha256('dijon-secret-token'), revoked: false },
      { label: 'ancien-poste', sha256: sha256('old-secret-token'), revoked: true },
      { label: 'bus-numerique', sha256: sha256('bus-secret-token'), revoked: false },
    ]);
  });

  it('refuses a file with an unknown key, a token twice, or a token without its secret', () => {
    expect(() => loadConfig({ REPERE_CONFIG: configFile({ kk: 5 }) })).toThrow(/unknown key\(s\) kk/);
    expect(() => loadConfig({ REPERE_CONFIG: configFile({ tokens: [{ label: 'a', token: 'same-token' }] }), REPERE_TOKENS: 'same-token' })).toThrow(
      /listed twice/,
    );
    expect(() => loadConfig({ REPERE_CONFIG: configFile({ tokens: [{ label: 'a' }] }) })).toThrow(/exactly one of "token" or "sha256"/);
    expect(() => loadConfig({ REPERE_CONFIG: join(tmpdir(), 'no-such-file.json') })).toThrow(/cannot read/);
  });
});
