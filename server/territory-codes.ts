/** INSEE codes: départements 01-19, 2A, 2B, 21-95 and overseas 971-978; a commune adds 3 digits (2 overseas). */
const DEPARTEMENT = /^(?:0[1-9]|1[0-9]|2[AB1-9]|[3-8][0-9]|9[0-5]|97[1-8])$/;
const COMMUNE = /^(?:(?:0[1-9]|1[0-9]|2[AB1-9]|[3-8][0-9]|9[0-5])[0-9]{3}|97[1-8][0-9]{2})$/;

/** Whether a text is a département code: "21", "2A", "971". */
export const isDepartementCode = (code: string) => DEPARTEMENT.test(code);

/** Whether a text is a commune's INSEE code (not its postal code): "21231", "2A004", "97411". */
export const isCommuneCode = (code: string) => COMMUNE.test(code);
