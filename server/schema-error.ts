/**
 * The collector's database cannot be used as it is (made by a newer collector, not a collector's file, a migration that
 * failed, tables that do not match the batch formats): the start-up stops with this message, the file left as it was.
 */
export class SchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaError';
  }
}
