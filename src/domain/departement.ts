/**
 * The département of a commune's INSEE code or of a postal code: two characters (2A, 2B for Corsica's INSEE codes,
 * "20" for its postal codes), three overseas (971…976).
 */
export function departementOf(code: string): string {
  return code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2);
}
