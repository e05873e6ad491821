/** Number formatting for terminal tables (JSON output keeps full precision). */
const KG = new Intl.NumberFormat("en-US", { maximumFractionDigits: 3 });
const PLAIN = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 8 });

export const formatKg = (kg: number): string => KG.format(kg);
export const formatQuantity = (value: number): string => PLAIN.format(value);

/** Table options: long ids wrap rather than being cut; colours only on a terminal. */
export function tableStyle(colWidths?: number[]) {
  return {
    wordWrap: true,
    wrapOnWordBoundary: false,
    ...(colWidths ? { colWidths } : {}),
    style: process.stdout.isTTY ? {} : { head: [], border: [] },
  };
}
