import { describe, expect, it } from 'vitest';
import { groupCommit } from './group-commit';

describe('groupCommit', () => {
  it('writes the items asked for in the same turn together, in order, each caller getting its own outcome', async () => {
    const calls: number[][] = [];
    const write = groupCommit((items: number[]) => {
      calls.push(items);
      return items.map((item) => item * 10);
    });
    const first = await Promise.all([write(1), write(2), write(3)]);
    const second = await write(4);
    expect(first).toEqual([10, 20, 30]);
    expect(second).toBe(40);
    expect(calls).toEqual([[1, 2, 3], [4]]);
  });

  it('rejects every caller of a group whose write failed, and goes on with the next group', async () => {
    let fail = true;
    const write = groupCommit((items: string[]) => {
      if (fail) throw new Error('disk full');
      return items;
    });
    const failed = await Promise.allSettled([write('a'), write('b')]);
    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await write('c')).toBe('c');
  });

  it('writes one group at a time when the write is asynchronous: what is asked meanwhile forms the next group', async () => {
    const calls: number[][] = [];
    const ends: (() => void)[] = [];
    const write = groupCommit((items: number[]) => {
      calls.push(items);
      return new Promise<number[]>((resolve) => ends.push(() => resolve(items.map((item) => -item))));
    });
    const first = Promise.all([write(1), write(2)]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([[1, 2]]);
    // Asked while the first group is being written: they wait, together.
    const second = Promise.all([write(3), write(4)]);
    const third = write(5);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([[1, 2]]);
    ends.shift()!();
    expect(await first).toEqual([-1, -2]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([[1, 2], [3, 4, 5]]);
    ends.shift()!();
    expect([await second, await third]).toEqual([[-3, -4], -5]);
  });
});
