/** GHG Protocol category names, for people; the codes stay what the API and the sheet carry. */
import { CATEGORIES, type Category } from "../../../engine/src/factor.ts";

const NAMES: Record<Category, string> = {
  stationary_combustion: "Stationary combustion",
  mobile_combustion: "Mobile combustion",
  fugitive: "Fugitive emissions",
  process: "Process emissions",
  purchased_electricity: "Purchased electricity",
  purchased_heat_steam_cooling: "Purchased heat, steam and cooling",
  "3.1": "Purchased goods and services",
  "3.2": "Capital goods",
  "3.3": "Fuel- and energy-related activities",
  "3.4": "Upstream transportation and distribution",
  "3.5": "Waste generated in operations",
  "3.6": "Business travel",
  "3.7": "Employee commuting",
  "3.8": "Upstream leased assets",
  "3.9": "Downstream transportation and distribution",
  "3.10": "Processing of sold products",
  "3.11": "Use of sold products",
  "3.12": "End-of-life treatment of sold products",
  "3.13": "Downstream leased assets",
  "3.14": "Franchises",
  "3.15": "Investments",
  not_emissions: "Not emissions",
};

/** "3.6 Business travel", "Purchased electricity"; an unknown code is shown as it is. */
export function categoryName(category: string): string {
  const name = NAMES[category as Category];
  if (!name) return category;
  return category.startsWith("3.") ? `${category} ${name}` : name;
}

/** The GHG Protocol's order (3.2 before 3.10), not the alphabet's. */
export function categoryOrder(category: string): number {
  const index = CATEGORIES.indexOf(category as Category);
  return index === -1 ? CATEGORIES.length : index;
}
