/**
 * Groups the writes asked for in the same turn of the event loop into one call of `writeAll` (one transaction, one
 * disk sync), then settles each caller with its own outcome. With synchronous=FULL a sync took 0.2 to 0.8 ms on the
 * development VM, the event loop waiting: one per batch would cap the collector at 1 300 to 4 700 batches/s before any
 * other work; one per group (about 20 batches under load) makes it a small share of each request. See docs/SCALING.md.
 */
export function groupCommit<Item, Outcome>(writeAll: (items: Item[]) => Outcome[]): (item: Item) => Promise<Outcome> {
  let pending: { item: Item; resolve: (outcome: Outcome) => void; reject: (error: unknown) => void }[] = [];

  function flush() {
    const group = pending;
    pending = [];
    try {
      const outcomes = writeAll(group.map((entry) => entry.item));
      group.forEach((entry, index) => entry.resolve(outcomes[index]!));
    } catch (error) {
      group.forEach((entry) => entry.reject(error));
    }
  }

  return (item) =>
    new Promise((resolve, reject) => {
      // setImmediate runs after the poll phase: every request read in this turn joins the group.
      if (pending.length === 0) setImmediate(flush);
      pending.push({ item, resolve, reject });
    });
}
