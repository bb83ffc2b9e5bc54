// Loads project TypeScript modules into plain Node (benchmarks, the places import command): each file and its relative imports are transpiled
// with TypeScript's transpileModule into a folder under node_modules/.cache, then imported natively (no loader wrapping each call).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = resolve(new URL('..', import.meta.url).pathname);
// Inside node_modules, so that the modules' bare imports (papaparse…) resolve as in the project.
mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
const out = mkdtempSync(join(root, 'node_modules/.cache/repere-bench-'));
const done = new Set();

function emit(file) {
  if (done.has(file)) return;
  done.add(file);
  const source = readFileSync(file, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
    fileName: file,
  });
  const rewritten = outputText.replace(/from '(\.{1,2}\/[^']+)'/g, (_, spec) => {
    const target = resolve(dirname(file), spec);
    const tsFile = [`${target}.ts`, join(target, 'index.ts')].find((f) => {
      try {
        readFileSync(f);
        return true;
      } catch {
        return false;
      }
    });
    if (!tsFile) return `from '${spec}'`;
    emit(tsFile);
    const relativeJs = relative(dirname(file), tsFile).replace(/\.ts$/, '.mjs');
    return `from '${relativeJs.startsWith('.') ? relativeJs : `./${relativeJs}`}'`;
  });
  const target = join(out, relative(root, file)).replace(/\.ts$/, '.mjs');
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, rewritten);
}

/** Imports a project module (path relative to the repository root) as plain JavaScript. */
export async function importTs(path) {
  const file = join(root, path);
  emit(file);
  return import(pathToFileURL(join(out, path).replace(/\.ts$/, '.mjs')).href);
}
