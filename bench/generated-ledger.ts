/**
 * A generated ledger for benchmarks: bookings of a mid-sized company in the shape of
 * ../shared/ledgers/dev.csv (9 columns, US number and date formats), drawn from templates of
 * recurring costs in several languages. Amounts, quantities, dates, months and invoice numbers
 * vary from row to row, as in a real export, so rows share patterns the way real bookings do.
 * Seeded: the same size gives the same file.
 */
import { seeded } from "./seeded.ts";

interface Template {
  vendors: readonly string[];
  account: string;
  accountName: string;
  /** `{month}`, `{n}` (an invoice number) and `{q}` (the quantity) are filled per row. */
  description: string;
  unit?: string;
  /** Largest quantity; the amount follows from it. */
  scale: number;
}

const TEMPLATES: readonly Template[] = [
  {
    vendors: ["PG&E", "Con Edison", "Duke Energy"],
    account: "6100",
    accountName: "Utilities",
    description: "Electricity {month} meter {n}",
    unit: "kWh",
    scale: 40_000,
  },
  {
    vendors: ["Stadtwerke München", "E.ON Energie"],
    account: "4240",
    accountName: "Gas, Strom, Wasser",
    description: "Strom Abschlag {month}",
    unit: "kWh",
    scale: 30_000,
  },
  {
    vendors: ["National Grid Gas", "SoCalGas"],
    account: "6110",
    accountName: "Utilities",
    description: "Natural gas {month} {q} therms",
    scale: 5_000,
  },
  {
    vendors: ["Shell Fleet", "BP Fuel Card", "Aral Card"],
    account: "6400",
    accountName: "Vehicle fuel",
    description: "Diesel fleet card {n}",
    unit: "L",
    scale: 800,
  },
  {
    vendors: ["Chevron", "ExxonMobil"],
    account: "6410",
    accountName: "Vehicle fuel",
    description: "Gasoline {q} gal fleet",
    scale: 400,
  },
  {
    vendors: ["Amazon Web Services", "Microsoft Azure", "Google Cloud"],
    account: "6200",
    accountName: "Software & cloud",
    description: "Cloud services {month} invoice {n}",
    scale: 0,
  },
  {
    vendors: ["Lufthansa", "United Airlines", "Air France"],
    account: "6500",
    accountName: "Travel",
    description: "Flight FRA-JFK ticket {n}",
    scale: 0,
  },
  {
    vendors: ["Marriott", "Hilton", "Ibis"],
    account: "6510",
    accountName: "Travel",
    description: "Hotel {q} nights conference",
    scale: 5,
  },
  {
    vendors: ["Deutsche Bahn", "SNCF"],
    account: "6520",
    accountName: "Travel",
    description: "Train ticket {n}",
    scale: 0,
  },
  {
    vendors: ["Staples", "Office Depot", "Viking"],
    account: "6300",
    accountName: "Office supplies",
    description: "Office supplies order {n}",
    scale: 0,
  },
  {
    vendors: ["UPS", "FedEx", "DHL Express"],
    account: "6600",
    accountName: "Freight",
    description: "Parcel shipments {month}",
    scale: 0,
  },
  {
    vendors: ["Waste Management", "Veolia"],
    account: "6120",
    accountName: "Waste disposal",
    description: "Waste collection {month}",
    scale: 0,
  },
  {
    vendors: ["Cintas", "Aramark"],
    account: "6310",
    accountName: "Cleaning",
    description: "Cleaning services {month}",
    scale: 0,
  },
  {
    vendors: ["Deloitte", "KPMG"],
    account: "6700",
    accountName: "Professional fees",
    description: "Audit fees {n}",
    scale: 0,
  },
  {
    vendors: ["Payroll Run", "ADP"],
    account: "5000",
    accountName: "Salaries",
    description: "Payroll {month}",
    scale: 0,
  },
  {
    vendors: ["IRS", "Finanzamt"],
    account: "2200",
    accountName: "Taxes payable",
    description: "VAT payment {month}",
    scale: 0,
  },
  {
    vendors: ["Chase Bank"],
    account: "7100",
    accountName: "Interest expense",
    description: "Loan interest {month}",
    scale: 0,
  },
  {
    vendors: ["Verizon", "AT&T", "Telekom"],
    account: "6210",
    accountName: "Telephone",
    description: "Mobile phones {month}",
    scale: 0,
  },
  {
    vendors: ["Dell", "Lenovo"],
    account: "1500",
    accountName: "Computer equipment",
    description: "Laptops order {n}",
    scale: 0,
  },
  {
    vendors: ["Coolair HVAC"],
    account: "6800",
    accountName: "Repairs & maintenance",
    description: "R-410A refill {q} kg",
    scale: 10,
  },
  {
    vendors: ["Uber", "Lyft"],
    account: "6530",
    accountName: "Travel",
    description: "Taxi ride {n}",
    scale: 0,
  },
  {
    vendors: ["Allianz", "State Farm"],
    account: "6900",
    accountName: "Insurance",
    description: "Insurance premium {month}",
    scale: 0,
  },
];

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const csvCell = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

export function generatedLedgerCsv(rows: number, seed = 1): string {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const lines = ["date,vendor,description,gl_account,gl_name,amount,currency,quantity,unit"];
  for (let i = 0; i < rows; i++) {
    const template = pick(TEMPLATES);
    const monthIndex = Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const quantity = template.scale > 0 ? Math.round(random() * template.scale * 10) / 10 + 1 : 0;
    const description = template.description
      .replace("{month}", MONTHS[monthIndex] as string)
      .replace("{n}", String(10_000 + Math.floor(random() * 90_000)))
      .replace("{q}", String(quantity));
    const amount = (Math.round(random() * 500_000) / 100 + 10).toFixed(2);
    lines.push(
      [
        `${String(monthIndex + 1).padStart(2, "0")}/${String(day).padStart(2, "0")}/2024`,
        pick(template.vendors),
        description,
        template.account,
        template.accountName,
        amount,
        "USD",
        template.unit ? String(quantity) : "",
        template.unit ?? "",
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}
