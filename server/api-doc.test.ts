import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WIRE_FORMATS, WIRE_LAYOUTS } from './count-groups';
import { startCollector, type RunningCollector } from './testing/start-collector';

const api = readFileSync(new URL('../docs/API.md', import.meta.url), 'utf8');

/** The ```json block under a "## <heading>" of the document. */
function exampleUnder(heading: string): string {
  const section = api.split(new RegExp(`^## ${heading}$`, 'm'))[1]?.split(/^## /m)[0];
  const block = section?.match(/```json\n([\s\S]*?)\n```/);
  if (!block) throw new Error(`docs/API.md has no \`\`\`json block under "## ${heading}"`);
  return block[1]!;
}
/** The ```json block under the "## Example batch, format <n>" heading. */
const exampleBatch = (format: number) => exampleUnder(`Example batch, format ${format}`);

describe('docs/API.md', () => {
  let collector: RunningCollector;
  beforeAll(async () => {
    // The real clock, as anyone trying the examples would.
    collector = await startCollector();
  });
  afterAll(() => collector.stop());

  it.each(WIRE_FORMATS)('has an example batch of format %i that a fresh collector stores (201), then knows (200)', async (format) => {
    const body = exampleBatch(format);
    expect((JSON.parse(body) as { format: unknown }).format).toBe(format);
    const response = await collector.post(body);
    expect(response.status, await response.clone().text()).toBe(201);
    expect((await collector.post(body)).status).toBe(200);
  });

  it('has an example batch of format 2 withholding its 16-74 table that a fresh collector stores (201), then knows (200)', async () => {
    const body = exampleUnder('Example batch, format 2, 16–74 table withheld');
    expect((JSON.parse(body) as { counts: { dsiOverall16to74: unknown } }).counts.dsiOverall16to74).toBeNull();
    const response = await collector.post(body);
    expect(response.status, await response.clone().text()).toBe(201);
    expect((await collector.post(body)).status).toBe(200);
  });

  it.each(WIRE_FORMATS)('describes every group of counts of format %i and every category the collector expects', (format) => {
    for (const group of WIRE_LAYOUTS[format].groups) {
      const field = group.path.length === 0 ? `counts.${group.keys[0]}` : `counts.${group.path[0] === 'dsiAreas' ? 'dsiAreas.<area>' : group.path.join('.')}`;
      expect(api, field).toContain(`\`${field}\``);
      for (const name of [...group.path.slice(1), ...group.keys]) expect(api, name).toContain(`\`${name}\``);
    }
  });
});
