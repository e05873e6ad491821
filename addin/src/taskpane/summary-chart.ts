/**
 * The scope chart: Scope 1, 2 and 3 in tonnes, location-based and market-based side by side
 * (the GHG Protocol's dual Scope 2 reporting); Scope 1 and 3 are the same in both.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
} from "chart.js";
import type { Totals } from "../../../engine/src/inventory.ts";
import { kgText, tonnesText } from "./format.ts";

// Only the parts a bar chart needs: the full chart.js registry would double the bundle.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const SCOPE_LABELS = ["Scope 1", "Scope 2", "Scope 3"];

/** kg per bar: [location-based, market-based], each in SCOPE_LABELS order. */
function scopeKg(totals: Totals): { location: number[]; market: number[] } {
  return {
    location: [totals.scope1_kg, totals.scope2_location_kg, totals.scope3_kg],
    market: [totals.scope1_kg, totals.scope2_market_kg, totals.scope3_kg],
  };
}

export function drawScopeChart(canvas: HTMLCanvasElement, totals: Totals): Chart<"bar"> {
  Chart.getChart(canvas)?.destroy();
  const kg = scopeKg(totals);
  const series = [
    { label: "location-based", kg: kg.location, color: "#2f7d4f" },
    { label: "market-based", kg: kg.market, color: "#2b6cb0" },
  ];
  const config: ChartConfiguration<"bar"> = {
    type: "bar",
    data: {
      labels: SCOPE_LABELS,
      datasets: series.map(({ label, kg: values, color }) => ({
        label,
        data: values.map((value) => value / 1000),
        backgroundColor: color,
      })),
    },
    options: {
      // A pane redraws on every tab switch; animation would only delay the figures.
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: { y: { beginAtZero: true, title: { display: true, text: "t CO2e" } } },
      plugins: {
        legend: { position: "bottom" },
        tooltip: {
          callbacks: {
            // The exact figure, not the rounded bar height.
            label: (item) => {
              const value = series[item.datasetIndex]?.kg[item.dataIndex] ?? 0;
              return `${item.dataset.label}: ${tonnesText(value)} (${kgText(value)})`;
            },
          },
        },
      },
    },
  };
  canvas.setAttribute(
    "aria-label",
    `Scope 1 ${tonnesText(totals.scope1_kg)}; Scope 2 ${tonnesText(totals.scope2_location_kg)} location-based, ` +
      `${tonnesText(totals.scope2_market_kg)} market-based; Scope 3 ${tonnesText(totals.scope3_kg)}`,
  );
  return new Chart(canvas, config);
}

/** Chart.js's registry, for the browser console and the page test: Chart.getChart(canvas). */
Object.assign(globalThis, { Chart });
