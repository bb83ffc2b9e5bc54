import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering rule is only worth something if it fires: feed it the imports it must refuse, and one it must allow.
const eslint = new ESLint({ cwd: process.cwd() });

async function importErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering lint rule', () => {
  it.each([
    ['src/domain/x.ts', "import { App } from '../ui/App';"],
    ['src/domain/x.ts', "import { openStorage } from '../storage/open-storage';"],
    ['src/domain/x.ts', "import { beginSession } from '../app/sessions';"],
    ['src/domain/x.ts', "import { openDB } from 'idb';"],
    ['src/storage/x.ts', "import { App } from '../ui/App';"],
    ['src/sync/x.ts', "import { NoticeBar } from '../ui/components/NoticeBar';"],
    ['src/sw/x.ts', "import { App } from '../ui/App';"],
    ['src/pwa/x.ts', "import { h } from 'preact';"],
  ])('refuses in %s: %s', async (file, source) => {
    expect(await importErrors(file, `${source}\nexport const used = [${source.match(/\{ (\w+) \}/)?.[1]}];\n`)).toHaveLength(1);
  });

  it('lets the domain import the domain, and the UI import everything', async () => {
    expect(await importErrors('src/domain/x.ts', "import { LANGUAGES } from './language';\nexport const l = LANGUAGES;\n")).toEqual([]);
    expect(
      await importErrors('src/ui/x.ts', "import { openStorage } from '../storage/open-storage';\nexport const o = openStorage;\n"),
    ).toEqual([]);
  });
});
