import { describe, expect, it } from "vitest";
import { proposeByRules } from "../../../src/mapping/rules/index.ts";

describe("not emissions", () => {
  it.each([
    ["Payroll run March", "Salaries"],
    ["Gehälter März 2024", "Gehälter"],
    ["Cotisations URSSAF février", "Sécurité sociale"],
    ["Pensioenpremie maart", "Pensioenlasten"],
    ["VAT return Q1", "VAT control"],
    ["Umsatzsteuer-Voranmeldung 02/2024", "Umsatzsteuer"],
    ["Depreciation March", "Depreciation"],
    ["Afschrijving inventaris maart", "Afschrijvingen"],
    ["Loan interest Q1", "Interest expense"],
    ["Intérêts emprunt BPI", "Charges d'intérêts"],
    ["Intercompany settlement Q1", "Intercompany"],
    ["Donation to food bank", "Donations"],
    ["Meal vouchers March", "Staff benefits"],
    ["Guarantees of origin 2023, 500 MWh", "Electricity"],
    ["Rent April office", "Rent"],
    ["Leasingrate 04/24 Audi A4", "Leasing Kfz"],
  ])("%s (%s)", (description, accountName) => {
    const proposal = proposeByRules({ description, accountName });
    expect(proposal.category).toBe("not_emissions");
    expect(proposal.activity).toBeNull();
    expect(proposal.naics).toBeNull();
  });

  it.each([
    ["Business insurance premium 2024", "Insurance", "spend.insurance"],
    ["Bank charges March", "Bank charges", "spend.financial_services"],
    ["Card processing fees March", "Merchant fees", "spend.payment_processing"],
  ])("purchased financial services stay 3.1: %s", (description, accountName, activity) => {
    const proposal = proposeByRules({ description, accountName });
    expect(proposal).toMatchObject({ category: "3.1", activity });
  });
});
