import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { connectSources, contentSecurityPolicy, policyOfPage, staticHostPolicy, styleHashes } from '../../scripts/content-security-policy.mjs';

const page = '<html><head><style>body{color:red}</style></head><body></body></html>';

describe('the Content-Security-Policy', () => {
  it('allows the inlined style sheet by its hash, and nothing inline besides', () => {
    const hash = createHash('sha256').update('body{color:red}').digest('base64');
    expect(styleHashes(page)).toEqual([`'sha256-${hash}'`]);
    const policy = contentSecurityPolicy(page, { env: {} });
    expect(policy).toContain(`style-src 'self' 'sha256-${hash}'`);
    expect(policy).toContain("script-src 'self';");
    expect(policy).not.toMatch(/unsafe-(inline|eval)/);
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'none'");
  });

  it('forbids framing in the header only (a <meta> policy cannot)', () => {
    expect(contentSecurityPolicy(page, { env: {} })).not.toContain('frame-ancestors');
    expect(contentSecurityPolicy(page, { header: true, env: {} })).toContain("frame-ancestors 'none'");
  });

  it('limits connections to the origins an administrator gives, and refuses what is not an origin', () => {
    expect(connectSources({ REPERE_CONNECT_SRC: 'https://collecteur.region.fr  https://lieux.example.fr' })).toEqual([
      'https://collecteur.region.fr',
      'https://lieux.example.fr',
    ]);
    expect(contentSecurityPolicy(page, { env: { REPERE_CONNECT_SRC: 'https://collecteur.region.fr' } })).toContain(
      "connect-src 'self' https://collecteur.region.fr;",
    );
    expect(() => connectSources({ REPERE_CONNECT_SRC: "https://a.fr; script-src 'unsafe-inline'" })).toThrow(/not an origin/);
    expect(() => connectSources({ REPERE_CONNECT_SRC: 'https://a.fr/path' })).toThrow(/not an origin/);
  });

  it('is read back from a built page, for the server to send as a header', () => {
    const policy = contentSecurityPolicy(page, { env: {} });
    expect(policyOfPage(`<head><meta http-equiv="Content-Security-Policy" content="${policy}" /></head>`)).toBe(policy);
    expect(policyOfPage('<head></head>')).toBeNull();
  });
});

describe('the policy a static host sends', () => {
  it('is the page’s policy without style-src and default-src, and forbids framing', () => {
    const header = staticHostPolicy({});
    const page = contentSecurityPolicy('<style>a{}</style>', { header: true, env: {} });
    expect(header).not.toMatch(/style-src|default-src/);
    expect(header.split('; ')).toEqual(page.split('; ').filter((d) => !/^(style-src|default-src)/.test(d)));
    expect(header).toContain("frame-ancestors 'none'");
    expect(header).toContain("script-src 'self'");
  });

  it('is the one the documented nginx configuration sends, in each of its locations', () => {
    const conf = readFileSync('deploy/nginx/repere.conf', 'utf8');
    const sent = [...conf.matchAll(/add_header Content-Security-Policy "([^"]*)" always;/g)].map((m) => m[1]);
    expect(sent.length).toBeGreaterThan(0);
    for (const policy of sent) expect(policy).toBe(staticHostPolicy({}));
  });

  it('is the one docs/DEPLOY.md gives for Apache', () => {
    const apache = /Header always set Content-Security-Policy "([^"]*)"/.exec(readFileSync('docs/DEPLOY.md', 'utf8'))?.[1];
    expect(apache).toBe(staticHostPolicy({}));
  });

  it('says to write the collector’s origin alone when given its address with a path', () => {
    expect(() => connectSources({ REPERE_CONNECT_SRC: 'https://region.fr/collecteur/' })).toThrow('write its origin alone, https://region.fr');
  });
});
