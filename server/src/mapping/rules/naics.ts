/**
 * Activity family → default 6-digit NAICS 2017 code of the *producing* industry (README "naics"),
 * with a few refinements where one spend topic spans several industries. Only Scope 3 rows get
 * a code; own-car mileage and homeworking have no supplier industry.
 */
import type { ActivityFamily } from "./families.ts";

export const DEFAULT_NAICS: Partial<Record<ActivityFamily, string>> = {
  "fuel.petrol": "324110", // Petroleum Refineries (fuel for rental cars, 3.6)
  "fuel.diesel": "324110", // Petroleum Refineries
  "electricity.grid": "221122", // Electric Power Distribution (tenant space, 3.13)
  "electricity.td_losses": "221121", // Electric Bulk Power Transmission and Control
  "travel.air": "481111", // Scheduled Passenger Air Transportation
  "travel.rail": "482111", // Line-Haul Railroads
  "travel.hotel": "721110", // Hotels (except Casino Hotels) and Motels
  "travel.taxi": "485310", // Taxi Service
  "travel.car_rental": "532111", // Passenger Car Rental
  "commute.public_transport": "485111", // Mixed Mode Transit Systems
  "freight.road": "484121", // General Freight Trucking, Long-Distance, Truckload
  "freight.air": "481112", // Scheduled Freight Air Transportation
  "freight.sea": "483111", // Deep Sea Freight Transportation
  "freight.parcel": "492110", // Couriers and Express Delivery Services
  "waste.landfill": "562212", // Solid Waste Landfill
  "waste.incineration": "562213", // Solid Waste Combustors and Incinerators
  "waste.recycling": "562920", // Materials Recovery Facilities
  "waste.anaerobic_digestion": "562219", // Other Nonhazardous Waste Treatment and Disposal
  "waste.hazardous": "562211", // Hazardous Waste Treatment and Disposal
  "waste.wastewater": "221320", // Sewage Treatment Facilities
  "water.supply": "221310", // Water Supply and Irrigation Systems
  "leased.building": "531120", // Lessors of Nonresidential Buildings (except Miniwarehouses)
  "spend.accounting_services": "541211", // Offices of Certified Public Accountants
  "spend.advertising": "541810", // Advertising Agencies
  "spend.apparel": "315220", // Men's and Boys' Cut and Sew Apparel Manufacturing
  "spend.building_materials": "327420", // Gypsum Product Manufacturing
  "spend.chemicals": "325998", // All Other Miscellaneous Chemical Product and Preparation Mfg
  "spend.cleaning_services": "561720", // Janitorial Services
  "spend.cloud_services": "518210", // Data Processing, Hosting, and Related Services
  "spend.cutting_tools": "333515", // Cutting Tool and Machine Tool Accessory Manufacturing
  "spend.dairy_products": "311511", // Fluid Milk Manufacturing
  "spend.equipment_rental": "532490", // Other Commercial and Industrial Machinery and Equipment Rental
  "spend.events": "561920", // Convention and Trade Show Organizers
  "spend.financial_services": "522110", // Commercial Banking
  "spend.food_catering": "722511", // Full-Service Restaurants
  "spend.food_ingredients": "311999", // All Other Miscellaneous Food Manufacturing
  "spend.food_products": "311999", // All Other Miscellaneous Food Manufacturing
  "spend.furniture": "337214", // Office Furniture (except Wood) Manufacturing
  "spend.hvac_maintenance": "238220", // Plumbing, Heating, and Air-Conditioning Contractors
  "spend.insurance": "524126", // Direct Property and Casualty Insurance Carriers
  "spend.it_hardware": "334111", // Electronic Computer Manufacturing
  "spend.lab_supplies": "326199", // All Other Plastics Product Manufacturing
  "spend.lab_testing": "541380", // Testing Laboratories
  "spend.legal_services": "541110", // Offices of Lawyers
  "spend.lubricants": "324191", // Petroleum Lubricating Oil and Grease Manufacturing
  "spend.machinery": "333249", // Other Industrial Machinery Manufacturing
  "spend.machinery_repair": "811310", // Commercial and Industrial Machinery and Equipment Repair
  "spend.memberships": "813910", // Business Associations
  "spend.merchandise_ceramics": "327110", // Pottery, Ceramics, and Plumbing Fixture Manufacturing
  "spend.merchandise_furniture": "337122", // Nonupholstered Wood Household Furniture Manufacturing
  "spend.merchandise_home_textiles": "314120", // Curtain and Linen Mills
  "spend.mro_supplies": "332722", // Bolt, Nut, Screw, Rivet, and Washer Manufacturing
  "spend.office_supplies": "339940", // Office Supplies (except Paper) Manufacturing
  "spend.packaging": "322211", // Corrugated and Solid Fiber Box Manufacturing
  "spend.pallets": "321920", // Wood Container and Pallet Manufacturing
  "spend.payment_processing": "522320", // Financial Transactions Processing, Reserve, and Clearinghouse
  "spend.pest_control": "561710", // Exterminating and Pest Control Services
  "spend.plastics_resin": "325211", // Plastics Material and Resin Manufacturing
  "spend.postal": "491110", // Postal Service
  "spend.power_tools": "333991", // Power-Driven Handtool Manufacturing
  "spend.printing": "323111", // Commercial Printing (except Screen and Books)
  "spend.raw_materials_aluminium": "331315", // Aluminum Sheet, Plate, and Foil Manufacturing
  "spend.raw_materials_steel": "331110", // Iron and Steel Mills and Ferroalloy Manufacturing
  "spend.raw_milk": "112120", // Dairy Cattle and Milk Production
  "spend.recruitment": "561311", // Employment Placement Agencies
  "spend.road_tolls": "488490", // Other Support Activities for Road Transportation
  "spend.security_services": "561612", // Security Guards and Patrol Services
  "spend.software": "511210", // Software Publishers
  "spend.telecom": "517311", // Wired Telecommunications Carriers
  "spend.temporary_staff": "561320", // Temporary Help Services
  "spend.travel_agency": "561510", // Travel Agencies
  "spend.tyres": "326211", // Tire Manufacturing (except Retreading)
  "spend.utility_services": "221122", // Electric Power Distribution
  "spend.vehicle_maintenance": "811111", // General Automotive Repair
  "spend.vehicles": "336112", // Light Truck and Utility Vehicle Manufacturing
  "spend.workwear_service": "812332", // Industrial Launderers
};

type Refinement = [family: ActivityFamily, pattern: RegExp, naics: string];

/** Where the booking text names a narrower industry than the family's default. */
const REFINEMENTS: Refinement[] = [
  ["freight.road", /koel|kuehl|reefer|frigo|refrigerat|temperature/, "484230"], // Specialized Freight (except Used Goods) Trucking, Long-Distance
  [
    "freight.road",
    /sammel|groupage|\bltl\b|pallet|sendungen|\bsdg\b|messagerie|stueckgut/,
    "484122",
  ], // General Freight Trucking, Long-Distance, Less Than Truckload
  ["waste.recycling", /schrott|spaene|scrap metal|ferraille|metal scrap|oud ijzer/, "423930"], // Recyclable Material Merchant Wholesalers
  [
    "spend.advertising",
    /\bads\b|ppc|online|digital|google|meta|facebook|linkedin|instagram|\bfb\b|\big\b/,
    "519130",
  ], // Internet Publishing and Broadcasting and Web Search Portals
  ["spend.chemicals", /reinig|cleaning|detergent|\bcip\b|nettoyant|desinfect/, "325612"], // Polish and Other Sanitation Good Manufacturing
  ["spend.chemicals", /ammonia|ammoniak|\bnh3\b|r717|stickstoff|nitrogen|stikstof/, "325311"], // Nitrogenous Fertilizer Manufacturing (ammonia)
  ["spend.financial_services", /card|karte|carte/, "522320"], // Financial Transactions Processing
  [
    "spend.food_catering",
    /kantine|canteen|cafeteria|bedrijfsrestaurant|sodexo|compass|aramark|elior|catering/,
    "722310",
  ], // Food Service Contractors
  [
    "spend.food_catering",
    /uber eats|deliveroo|doordash|grubhub|lieferando|thuisbezorgd|takeaway/,
    "722513",
  ], // Limited-Service Restaurants
  ["spend.food_ingredients", /\bzout\b|\bsalz\b|\bsalt\b|\bsel\b|spice|gewuerz|kruiden/, "311942"], // Spice and Extract Manufacturing
  ["spend.food_products", /coffee|kaffee|koffie|\btea\b|\bthee\b/, "311920"], // Coffee and Tea Manufacturing
  ["spend.furniture", /shopfit|fixtures|ladenbau|shelving|display/, "337215"], // Showcase, Partition, Shelving, and Locker Manufacturing
  [
    "spend.it_hardware",
    /monitor|headset|\bmaus\b|mouse|keyboard|tastatur|printer|drucker|terminal|peripher/,
    "334118",
  ], // Computer Terminal and Other Computer Peripheral Equipment Mfg
  ["spend.machinery", /stapler|forklift|heftruck|chariot/, "333924"], // Industrial Truck, Tractor, Trailer, and Stacker Machinery Mfg
  [
    "spend.machinery",
    /bearbeitungszentrum|machining cent|cnc|drehmaschine|fraesmaschine|machine tool|werkzeugmaschine/,
    "333517",
  ], // Machine Tool Manufacturing
  ["spend.machinery", /koel|kaelte|refrigerat|cold room|chiller|froid/, "333415"], // AC, Refrigeration, and Forced Air Heating Equipment Mfg
  ["spend.packaging", /folie|film|stretch|plastic|vacuum|vacuuem/, "326112"], // Plastics Packaging Film and Sheet (including Laminated) Mfg
  ["spend.packaging", /\bbags?\b|tueten|sacs?\b|zakken/, "322220"], // Paper Bag and Coated and Treated Paper Manufacturing
  ["spend.telecom", /mobil|\bsim\b|cellular|wireless|mobiel/, "517312"], // Wireless Telecommunications Carriers (except Satellite)
  ["spend.vehicles", /tracteur|\blkw\b|truck|vrachtwagen|\bhgv\b|camion|sattelzug/, "336120"], // Heavy Duty Truck Manufacturing
  ["spend.vehicles", /\bpkw\b|passenger car|voiture|personenauto/, "336111"], // Automobile Manufacturing
  ["investment.equity", /solar|photovolta|zonne|solaire/, "221114"], // Solar Electric Power Generation
  ["investment.equity", /wind/, "221115"], // Wind Electric Power Generation
];

/** NAICS code for a Scope 3 family given the row's normalised text, or null when none applies. */
export function naicsFor(family: ActivityFamily, text: string): string | null {
  const refined = REFINEMENTS.find(
    ([candidate, pattern]) => candidate === family && pattern.test(text),
  );
  return refined?.[2] ?? DEFAULT_NAICS[family] ?? null;
}
