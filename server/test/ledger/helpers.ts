import ExcelJS from "exceljs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { LedgerFileError } from "../../src/ledger/index.ts";

/** The shared development ledgers live next to the repository. */
export const SHARED_LEDGERS = path.resolve(
  fileURLToPath(new URL("../../..", import.meta.url)),
  "../shared/ledgers",
);

/** Ledger lines copied from the shared dev.csv (its role columns), a few per company. */
// prettier-ignore
export const HEADER = ["date", "vendor", "description", "gl_account", "gl_name", "amount", "currency", "quantity", "unit"];
// prettier-ignore
export const HOLLERBACH = [
  ["05.01.2024", "EnBW Energie Baden-Württemberg AG", "Stromlieferung 12/2023 RLM Zählpunkt DE0007310...4471, 148.320 kWh", "4240", "Gas, Strom, Wasser", "24.318,06", "EUR", "148.320", "kWh"],
  ["08.01.2024", "Allianz Versicherungs-AG", "Betriebshaftpflicht + Maschinenversicherung 2024 Jahresprämie", "4360", "Versicherungen", "14.880,00", "EUR", "", ""],
  ["09.01.2024", "Klöckner & Co Deutschland GmbH", "Rundstahl 42CrMo4+QT Ø60, 3,82 t lt. LS 8820114", "3000", "Roh-, Hilfs- und Betriebsstoffe", "5.691,80", "EUR", "3,82", "t"],
  ["12.01.2024", "DATEV eG", "DATEV Lohn und Rewe Lizenzen 01/24", "4964", "Aufwendungen für die zeitlich befristete Überlassung von Rechten (Lizenzen)", "318,40", "EUR", "", ""],
  ["15.01.2024", "FairEnergie GmbH", "Jahresabrechnung Erdgas 2023 VK 2004418820, 512.880 kWh (Hs), Nachzahlung", "4230", "Heizung", "5.194,80", "EUR", "512.880", "kWh"],
  ["26.02.2024", "Klöckner & Co Deutschland GmbH", "Gutschrift Preisdifferenz zu RE 8820114", "3000", "Roh-, Hilfs- und Betriebsstoffe", "-312,40", "EUR", "", ""],
];
// prettier-ignore
export const HARLOW = [
  ["25/12/2023", "Legal & General Property", "Rent qtr 25/12/23-24/03/24 Unit 14 Grosvenor Centre", "7100", "Rent", "36250.00", "GBP", "", ""],
  ["27/12/2023", "G4S Secure Solutions", "Guarding Boxing Day sale 4 stores", "7800", "Repairs and renewals", "1988.00", "GBP", "", ""],
  ["09/01/2024", "Anokhi Textiles Pvt Ltd", "PO 4471 block-print cushion covers 2,400 pcs", "5000", "Purchases - stock for resale", "9840.00", "USD", "2400", "pcs"],
  ["16/01/2024", "Certas Energy", "Kerosene 28 sec 2000 L - Ludlow store tank", "7202", "Heating oil", "1418.00", "GBP", "2000", "L"],
];
// prettier-ignore
export const VASSEUR = [
  ["15/12/2023", "DGFiP", "CFE 2023 solde établissement Arras", "635110", "Cotisation foncière des entreprises", "6 318,00", "EUR", "", ""],
  ["16/01/2024", "SNCF Voyageurs", "TGV Arras-Paris Nord AR 2e cl. M. Vasseur", "625100", "Voyages et déplacements", "96,00", "EUR", "", ""],
  ["18/01/2024", "Bolloré Energy", "Livraison gazole routier vrac cuve dépôt Arras 10 000 L BL 771203", "606140", "Carburants", "14 612,00", "EUR", "10 000", "L"],
  ["19/01/2024", "Antargaz", "Propane citerne 1,8 t - chauffage atelier Lens", "602210", "Combustibles", "2 754,00", "EUR", "1,8", "t"],
];
// prettier-ignore
export const ZUIVELHOEVE = [
  ["10-01-2024", "Interpolis Zakelijk", "Bedrijfsverzekeringen 2024 termijn 1", "4400", "Verzekeringen", "11.214,00", "EUR", "", ""],
  ["15-01-2024", "Eneco Zakelijk", "Jaarafrekening 2023 kaaswinkel - teruggave", "4120", "Elektriciteit", "-286,40", "EUR", "", ""],
  ["16-01-2024", "Nobian Salt B.V.", "Zout voor pekelbaden 24 ton bulk", "7010", "Inkoop hulpstoffen", "3.168,00", "EUR", "24", "ton"],
  ["26-01-2024", "Koeltechniek Brabant B.V.", "Lekdetectie + bijvullen R449A 6,8 kg koelcel rijping 2", "4230", "Koeltechniek", "1.316,00", "EUR", "6,8", "kg"],
];
// prettier-ignore
export const LUMENFIELD = [
  ["01/08/2024", "PG&E", "Stmt 01/02/24 acct 4418-229 electric delivery 18,420 kWh", "6120", "Utilities - Electric", "2,611.87", "USD", "18,420", "kWh"],
  ["01/12/2024", "Xcel Energy", "1700 Lincoln St Ste 2100 elec svc 12/08-01/09, 4,210 kWh", "6120", "Utilities - Electric", "512.44", "USD", "4,210", "kWh"],
  ["01/22/2024", "WEX Fleet", "WEX fleet card DEC - 2 co. cars unleaded reg 142.6 gal", "6260", "Vehicle Fuel", "684.48", "USD", "142.6", "gal"],
  ["03/04/2024", "Alaska Airlines", "Refund cxl SJC-SEA conf TYR8HK", "6210", "Travel - Airfare", "(318.40)", "USD", "", ""],
];
/** The German export's header (dev_de.xlsx, README). */
// prettier-ignore
export const GERMAN_HEADER = ["Belegdatum", "Lieferant/Kunde", "Buchungstext", "Konto", "Kontobezeichnung", "Betrag", "Währung", "Menge", "Einheit"];

/** RFC 4180 text: fields with the delimiter, quotes or line breaks quoted. */
export function csvText(
  rows: readonly (readonly string[])[],
  delimiter = ",",
  eol = "\r\n",
): string {
  const quote = (field: string): string =>
    field.includes(delimiter) || /["\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
  return rows.map((row) => row.map(quote).join(delimiter)).join(eol) + eol;
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Windows-1252 bytes of text that stays within Latin-1 (é is 0xE9, ä is 0xE4). */
export function windows1252(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => {
    const code = c.charCodeAt(0);
    if (code > 0xff) throw new Error(`${c} is not Latin-1`);
    return code;
  });
}

export async function workbookBytes(
  build: (workbook: ExcelJS.Workbook) => void,
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The LedgerFileError a promise rejects with. */
export async function fileError(promise: Promise<unknown>): Promise<LedgerFileError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(LedgerFileError);
  return error as LedgerFileError;
}

/** Roles of the nine ledger columns in the README's order (date … unit), as read by index. */
export const NINE_COLUMN_ROLES = {
  date: 0,
  vendor: 1,
  description: 2,
  account_code: 3,
  account_name: 4,
  amount: 5,
  currency: 6,
  quantity: 7,
  unit: 8,
};
