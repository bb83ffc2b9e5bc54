import { test as base, expect } from '@playwright/test';

/** What Chromium prints when the Content-Security-Policy blocks something, and what the page's own listener prints. */
const CSP_MESSAGE = /Content Security Policy|CSP violation/i;

/**
 * Every end-to-end test runs under the app's Content-Security-Policy and fails on any violation: a blocked script,
 * style, connection or worker means the policy and the app disagree (or something tried to run that must not).
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context }, use) => {
      const violations: string[] = [];
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          console.error(`CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`);
        });
      });
      context.on('console', (message) => {
        if (message.type() === 'error' && CSP_MESSAGE.test(message.text())) violations.push(message.text());
      });
      await use(violations);
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
