import { describe, expect, it } from "vitest";
import { LedgerFileError } from "../../src/ledger/errors.ts";
import { assignRoles, entityColumn } from "../../src/ledger/roles.ts";
import { GERMAN_HEADER, HARLOW, HEADER, HOLLERBACH, LUMENFIELD } from "./helpers.ts";

describe("roles from header text", () => {
  // Headers as exports in each language write them; expected role -> column index.
  const nineRolesFrom = (offset: number) => ({
    date: offset,
    vendor: offset + 1,
    description: offset + 2,
    account_code: offset + 3,
    account_name: offset + 4,
    amount: offset + 5,
    currency: offset + 6,
    quantity: offset + 7,
    unit: offset + 8,
  });
  // prettier-ignore
  const cases: [string, string[], Record<string, number>][] = [
    ["dev.csv", ["company", ...HEADER, "scope", "category", "activity_family", "naics", "label_note"], nineRolesFrom(1)],
    ["German (dev_de.xlsx)", GERMAN_HEADER, nineRolesFrom(0)],
    ["German, DATEV-like", ["Buchungsdatum", "Kreditor", "Sachkonto", "Nettobetrag", "Steuerbetrag", "WKZ", "Buchungstext"], { date: 0, vendor: 1, account_code: 2, amount: 3, currency: 5, description: 6 }],
    ["English, QuickBooks-like", ["Posting Date", "Payee", "Memo/Description", "GL Account", "Account Name", "Net Amount", "VAT Amount", "Currency", "Qty", "UoM", "Unit Price"], { ...nineRolesFrom(0), currency: 7, quantity: 8, unit: 9 }],
    ["English, Sage-like", ["Invoice Date", "Due Date", "Supplier", "Nominal Code", "Narrative", "Debit", "Credit"], { date: 0, vendor: 2, account_code: 3, description: 4, amount: 5 }],
    ["French", ["Date", "Fournisseur", "Libellé", "Compte", "Intitulé du compte", "Montant", "Devise", "Quantité", "Unité"], nineRolesFrom(0)],
    ["Dutch", ["Boekdatum", "Leverancier", "Omschrijving", "Grootboekrekening", "Rekeningnaam", "Bedrag", "Valuta", "Aantal", "Eenheid"], nineRolesFrom(0)],
    ["Spanish", ["Fecha", "Proveedor", "Concepto", "Cuenta", "Nombre de la cuenta", "Importe", "Moneda", "Cantidad", "Unidad"], nineRolesFrom(0)],
    ["Swedish", ["Datum", "Leverantör", "Text", "Konto", "Kontonamn", "Belopp", "Valuta", "Antal", "Enhet"], nineRolesFrom(0)],
  ];
  it.each(cases)("%s", (_, columns, expected) => {
    expect(assignRoles(columns, [])).toEqual(expected);
  });

  it("leaves the entity column (company) to no role", () => {
    expect(entityColumn(["company", ...HEADER])).toBe(0);
    expect(entityColumn(["Mandant", "Belegdatum"])).toBe(0);
    expect(entityColumn(HEADER)).toBeUndefined();
  });
});

describe("roles from content", () => {
  it("finds date, amount, currency, account, quantity, unit and description when headers say nothing", () => {
    const columns = HEADER.map((_, i) => `Col${i + 1}`);
    expect(assignRoles(columns, HARLOW)).toEqual({
      date: 0,
      amount: 5,
      currency: 6,
      unit: 8,
      quantity: 7,
      account_code: 3,
      description: 2,
    });
  });

  it("fills only what the headers leave open", () => {
    const columns = [
      "Belegdatum",
      "Feld 2",
      "Feld 3",
      "Konto",
      "Feld 5",
      "Betrag",
      "Feld 7",
      "Menge",
      "Feld 9",
    ];
    expect(assignRoles(columns, HOLLERBACH)).toMatchObject({
      date: 0,
      account_code: 3,
      amount: 5,
      currency: 6,
      quantity: 7,
      unit: 8,
    });
  });
});

describe("role overrides", () => {
  it("win over inference, by header text (any case) or by index, and free the roles they displace", () => {
    const roles = assignRoles(HEADER, LUMENFIELD, { amount: "QUANTITY", description: 1 });
    expect(roles).toMatchObject({ amount: 7, description: 1, date: 0, currency: 6 });
    expect(roles.vendor).not.toBe(1);
    expect(roles.quantity).not.toBe(7);
  });

  it("naming a column the file does not have is a LedgerFileError that lists the columns", () => {
    expect(() => assignRoles(HEADER, [], { amount: "Betrag" })).toThrow(LedgerFileError);
    try {
      assignRoles(HEADER, [], { amount: "Betrag" });
    } catch (error) {
      expect(error).toMatchObject({ code: "unknown_column" });
      expect((error as Error).message).toContain('"Betrag"');
      expect((error as Error).message).toContain('"amount"');
    }
    expect(() => assignRoles(HEADER, [], { date: 9 })).toThrow(/column index 9.*9 columns/);
  });
});
