/**
 * Groups the writes asked for in the same turn of the event loop into one call of `writeAll` (one transaction, one
 * disk sync), then settles each caller with its own outcome. With synchronous=FULL a sync took 0.2 to 0.8 ms on the
 * development VM, the event loop waiting: one per batch would cap the collector at 1 300 to 4 700 batches/s before any
 * other work; one per group (about 20 batches under load) makes it a small share of each request. See docs/SCALING.md.
 *
 * `writeAll` may be asynchronous (PostgreSQL: the transaction goes over the network): one group is written at a time,
 * and the writes asked for meanwhile wait and form the next group, so the groups grow as the database slows down. A
 * synchronous `writeAll` (SQLite) is done before the next turn of the loop: nothing ever waits.
 */
export function groupCommit<Item, Outcome>(writeAll: (items: Item[]) => Outcome[] | Promise<Outcome[]>): (item: Item) => Promise<Outcome> {
  let pending: { item: Item; resolve: (outcome: Outcome) => void; reject: (error: unknown) => void }[] = [];
  let writing = false;

  async function flush() {
    const group = pending;
    pending = [];
    writing = true;
    try {
      const outcomes = await writeAll(group.map((entry) => entry.item));
      group.forEach((entry, index) => entry.resolve(outcomes[index]!));
    } catch (error) {
      group.forEach((entry) => entry.reject(error));
    } finally {
      writing = false;
      if (pending.length > 0) setImmediate(flush);
    }
  }

  return (item) =>
    new Promise((resolve, reject) => {
      // setImmediate runs after the poll phase: every request read in this turn joins the group. While a group is
      // being written, the next one is started when it ends.
      if (pending.length === 0 && !writing) setImmediate(flush);
      pending.push({ item, resolve, reject });
    });
}
