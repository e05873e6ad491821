/** Figures as people read them: tonnes with sensible rounding, exact kilograms on demand. */

/** Decimals that keep about three significant figures without hiding a small total as 0. */
function tonneDecimals(tonnes: number): number {
  const size = Math.abs(tonnes);
  if (size >= 100) return 0;
  if (size >= 10) return 1;
  if (size >= 0.01 || size === 0) return 2;
  return 3;
}

export function tonnesText(kg: number): string {
  const tonnes = kg / 1000;
  const decimals = tonneDecimals(tonnes);
  return `${tonnes.toLocaleString(undefined, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  })} t`;
}

/** The full figure, for hovers and titles: what the engine computed, to the gram. */
export function kgText(kg: number): string {
  return `${kg.toLocaleString(undefined, { maximumFractionDigits: 3 })} kg CO2e`;
}
