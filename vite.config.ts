import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, runnerImport, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { contentSecurityPolicy, policyOfPage } from './scripts/content-security-policy.mjs';
import { deployBase } from './scripts/deploy-base.mjs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/** A build label a mediator can read out on the phone: REPERE_BUILD_ID, else the git commit, else "local". */
function buildId(): string {
  if (process.env.REPERE_BUILD_ID) return process.env.REPERE_BUILD_ID;
  try {
    return execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return 'local';
  }
}

/** The path the app is served under (REPERE_BASE, docs/DEPLOY.md): checked before anything is built. */
const base = deployBase();

const define = {
  __APP_VERSION__: JSON.stringify(pkg.version),
  __BUILD_ID__: JSON.stringify(buildId()),
};

/**
 * Puts the welcome screen, rendered by the app's own components, into index.html (see src/ui/prerender.tsx), and
 * preloads the French messages the app needs before it can answer a tap.
 */
function prerenderWelcome(): Plugin {
  return {
    name: 'repere:prerender-welcome',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      async handler(html, ctx) {
        const { module } = await runnerImport<{ renderWelcomeHtml: () => string }>(
          fileURLToPath(new URL('./src/ui/prerender.tsx', import.meta.url)),
          { configFile: false, logLevel: 'error', define, oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } } },
        );
        const bundle = ctx.bundle ?? {};
        // The French messages of the first screen (not the mediator space's, which share the name "fr").
        const french = Object.entries(bundle).find(
          ([, chunk]) => chunk.type === 'chunk' && (chunk.facadeModuleId ?? '').endsWith('/src/i18n/locales/fr.json'),
        )?.[0];
        // The style sheet is small: inlined, the first paint waits for no second request.
        let page = html;
        for (const [file, asset] of Object.entries(bundle)) {
          if (!file.endsWith('.css') || asset.type !== 'asset') continue;
          const link = new RegExp(`<link rel="stylesheet"[^>]*href="${`${base}${file}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>`);
          page = page.replace(link, () => `<style>${String(asset.source)}</style>`);
        }
        return {
          html: page.replace('<!--prerendered-welcome-->', module.renderWelcomeHtml()),
          tags: french ? [{ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${french}` }, injectTo: 'head' }] : [],
        };
      },
    },
  };
}

/**
 * The app's Content-Security-Policy (scripts/content-security-policy.mjs): a <meta> at the top of the built index.html
 * (after the style sheet is inlined, so its hash is right), and the same policy with `frame-ancestors 'none'` as a
 * header on every response of `vite preview` (npm start, the e2e tests, the benchmarks).
 */
function contentSecurityPolicyPlugin(): Plugin {
  let outDir = 'dist';
  return {
    name: 'repere:content-security-policy',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle) return html;
        const meta = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(html)}" />`;
        return html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    ${meta}`);
      },
    },
    configurePreviewServer(server) {
      server.middlewares.use((_request, response, next) => {
        // Read at each request: a test may rebuild dist/ under a running server.
        let policy: string | null = null;
        try {
          policy = policyOfPage(readFileSync(join(outDir, 'index.html'), 'utf8'));
        } catch {
          policy = null;
        }
        if (policy) response.setHeader('Content-Security-Policy', `${policy}; frame-ancestors 'none'`);
        next();
      });
    },
  };
}

/**
 * Emits communes.json: the communes of the départements served (scripts/communes-table.mjs), for people who type their
 * commune's name. Precached with the app, fetched only when someone searches by name.
 */
function communesTableAsset(): Plugin {
  return {
    name: 'repere:communes-table',
    apply: 'build',
    async generateBundle() {
      const { communesTable, departementsToServe } = await import('./scripts/communes-table.mjs');
      this.emitFile({ type: 'asset', fileName: 'communes.json', source: JSON.stringify(communesTable(departementsToServe())) });
    },
  };
}

/**
 * The entry's style sheet is inlined into index.html (prerenderWelcome), but Vite still lists it among the CSS a lazily
 * loaded chunk depends on, and its preload helper then adds it as a <link>: one more request, and the whole page
 * styled again, at start-up (seen in the weak-device benchmark's request log). In each chunk's list of dependencies
 * (`__vite__mapDeps`, read by index, so no entry may be removed) its name becomes the entry script's, which the helper
 * finds already loaded and skips.
 */
function noSecondEntryStyleSheet(): Plugin {
  return {
    name: 'repere:no-second-entry-style-sheet',
    apply: 'build',
    generateBundle: {
      // after Vite's own, which writes the lists of dependencies
      order: 'post',
      handler(_, bundle) {
        // The page's one entry (index.html's script; the service worker is built apart).
        const entry = Object.values(bundle).find((chunk) => chunk.type === 'chunk' && chunk.isEntry);
        if (entry?.type !== 'chunk') return;
        const sheets = [...(entry.viteMetadata?.importedCss ?? [])];
        for (const chunk of Object.values(bundle)) {
          if (chunk.type !== 'chunk' || chunk === entry) continue;
          for (const sheet of sheets) chunk.code = chunk.code.replaceAll(`"${sheet}"`, `"${entry.fileName}"`);
        }
      },
    },
  };
}

export default defineConfig({
  base,
  define,
  build: {
    target: 'es2022',
    sourcemap: false,
    // Every browser Repère supports (Chromium, Firefox ESR, Safari 17) knows <link rel="modulepreload">: no polyfill in
    // the first screen's script.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // The mediator space's and the accessibility statement's messages carry their part's name (`mediator-fr-….js`),
        // not only their language's: the service worker stores them after a first session's files (src/sw/precache-plan.ts).
        chunkFileNames: (chunk) => {
          const part = /\/src\/i18n\/(journey|mediator|statement)\/[\w-]+\.json$/.exec(chunk.facadeModuleId ?? '')?.[1];
          return part ? `assets/${part}-[name]-[hash].js` : 'assets/[name]-[hash].js';
        },
      },
    },
  },
  preview: { port: 4173, strictPort: true },
  plugins: [
    preact(),
    prerenderWelcome(),
    contentSecurityPolicyPlugin(),
    noSecondEntryStyleSheet(),
    communesTableAsset(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      // The manifest icons are listed in globPatterns already; letting the plugin add them too precaches them twice.
      includeManifestIcons: false,
      manifest: {
        // Relative to the base path: a kiosk installed under /repere/ stays there.
        id: base,
        name: 'Repère',
        short_name: 'Repère',
        description: 'Faire le point sur son usage du numérique et trouver de l’aide près de chez soi.',
        lang: 'fr',
        dir: 'ltr',
        start_url: base,
        scope: base,
        display: 'fullscreen',
        display_override: ['fullscreen', 'standalone'],
        orientation: 'any',
        background_color: '#ffffff',
        theme_color: '#1a4d8f',
        categories: ['education', 'utilities', 'government'],
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        // The web manifest stays out: the plugin adds it to the precache itself.
        globPatterns: ['**/*.{js,css,html,svg,png,ico,json,woff2}'],
        rollupFormat: 'es',
      },
      devOptions: { enabled: false },
    }),
  ],
});
