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
      databaseFile: './data/collector.db',
      k: 5,
      tokens: [],
      rateLimitPerMinute: 120,
      logLevel: 'info',
      allowedOrigins: ['*'],
    });
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
    expect(config).toMatchObject({ port: 8100, k: 10, databaseFile: '/var/lib/repere/collector.db' });
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
