import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNT_GROUPS } from './count-groups';
import { startCollector, type RunningCollector } from './testing/start-collector';

const api = readFileSync(new URL('../docs/API.md', import.meta.url), 'utf8');

/** The ```json block under the "## Example batch" heading. */
function exampleBatch(): string {
  const section = api.split(/^## Example batch$/m)[1];
  const block = section?.match(/```json\n([\s\S]*?)\n```/);
  if (!block) throw new Error('docs/API.md has no ```json block under "## Example batch"');
  return block[1]!;
}

describe('docs/API.md', () => {
  let collector: RunningCollector;
  beforeAll(async () => {
    // The real clock, as anyone trying the example would.
    collector = await startCollector();
  });
  afterAll(() => collector.stop());

  it('has an example batch that a fresh collector stores (201), then knows (200)', async () => {
    const body = exampleBatch();
    const response = await collector.post(body);
    expect(response.status, await response.clone().text()).toBe(201);
    expect((await collector.post(body)).status).toBe(200);
  });

  it('describes every group of counts and every category the collector expects', () => {
    for (const group of COUNT_GROUPS) {
      const field = group.path.length === 0 ? `counts.${group.keys[0]}` : `counts.${group.path[0] === 'dsiAreas' ? 'dsiAreas.<area>' : group.path.join('.')}`;
      expect(api, field).toContain(`\`${field}\``);
      for (const name of [...group.path.slice(1), ...group.keys]) expect(api, name).toContain(`\`${name}\``);
    }
  });
});
