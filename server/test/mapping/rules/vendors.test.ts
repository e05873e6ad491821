import { describe, expect, it } from "vitest";
import { proposeByRules } from "../../../src/mapping/rules/index.ts";

describe("well-known vendors", () => {
  it.each([
    ["Delta Air Lines", "Ticket 006-2231", "3.6", "travel.air"],
    ["Ryanair", "Booking FR8841", "3.6", "travel.air"],
    ["Hilton Garden Inn", "Folio 1123", "3.6", "travel.hotel"],
    ["Europcar", "RA 55120", "3.6", "travel.car_rental"],
    ["Lyft", "Ride 14 Mar", "3.6", "travel.taxi"],
    ["Ionity GmbH", "Invoice 2024-03", "purchased_electricity", "electricity.grid"],
    ["Liander N.V.", "Factuur 88123", "3.3", "electricity.td_losses"],
    ["GLS Germany", "Rechnung 4412", "3.4", "freight.parcel"],
    ["Microsoft Azure", "Invoice E0400", "3.1", "spend.cloud_services"],
    ["Atlassian", "Jira Cloud annual", "3.1", "spend.software"],
    ["Securitas", "Invoice 2291", "3.1", "spend.security_services"],
    ["Rentokil Initial", "Invoice 8812", "3.1", "spend.pest_control"],
  ])("%s → %s %s", (vendor, description, category, activity) => {
    const proposal = proposeByRules({ vendor, description });
    expect(proposal.category).toBe(category);
    expect(proposal.activity).toBe(activity);
  });
});
