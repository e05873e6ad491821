/**
 * Context words that do not name an activity but decide its category (README label rules):
 * what burns where (rule 1), rental cars on trips (2), refrigerant added vs first charge (5),
 * tenant space (19), freight recharged to customers (18), capitalised purchases (11).
 * Patterns run on the normalised description + account name.
 */

export const CONTEXT_PATTERNS = {
  /** Vehicles and mobile machines we operate, or an account for their fuel (rule 1). */
  vehicle:
    /vehicle|fleet|\bvans?\b|truck|lorr|\bcars?\b|\bkfz|\bpkw|\blkw|fahrzeug|transporter|stapler|forklift|\bflt\b|heftruck|chariot|tracteur|camion|poids lourds|vrachtwagen|melkwagen|bestelwagen|tankpas|fuel card|tankkarte|tankkaart|carte gr|carburant|brandstof|fuel and oil|motor|drivmedel|drivstoff|tanker|\bcuve depot|de parc|\bgnr\b|\bderv\b|tractors?\b|\bfzg\b/,
  /** Fixed combustion equipment or a heating account (rule 1). */
  stationary:
    /heizung|heating|chauffage|verwarming|boiler|kessel|chaudiere|\bketel|generator|groupe electrogene|noodstroom|notstrom|aggregat|\boven\b|\bofen\b|hall heater|patio heater|combustibles|burning oil|uppvarmning|oppvarming|calefaccion|caldera|utilities - gas|\bgas service|\bgas svc/,
  /** A trip: fuel bought here is for a car we do not operate (rule 2). */
  trip: /rental|\bhertz\b|\bavis\b|\bsixt\b|europcar|mietwagen|huurauto|car hire|location de vehicule|hyrbil|leiebil/,
  /** Refrigerant added to existing equipment (rule 5). */
  topUp:
    /nachgefuell|nachfuell|aufgefuellt|bijvullen|bijgevuld|recharge|top ?up|topped up|refill|\badded\b|remplissage|complement|paafyll|pafyllning|leak repair/,
  /** Gas charged into new equipment: part of the capitalised installation (rule 5). */
  firstCharge:
    /erstbefuellung|first (charge|fill)|initial charge|eerste vulling|premiere charge|nieuwe|new (unit|system|installation)|neuanlage|inbetriebnahme|oplevering|commissioning|mise en service/,
  /** Gases that are not greenhouse gases: buying them is a chemical purchase (rule 5). */
  nonGhgGas: /\br-? ?717\b|ammoniak|ammonia|\bnh3\b|stickstoff|nitrogen|stikstof|\bazote\b/,
  /** Space we own and lease to a tenant who operates it (rule 19). */
  tenant: /vermietet|\btenant|\bmieter\b|locataire|huurder|untervermiet|\blet to\b|sublet/,
  /** Freight passed on 1:1 to a customer who bears it (rule 18). */
  passThrough:
    /weiterberechnet|doorbelast aan (afnemer|klant)|recharged? to (the )?customer|refactur|ex works|\bexw\b|\bfca\b|af fabriek|kundenauftrag|on behalf of (the )?customer|durchlaufende|transitory/,
  /** Explicitly capitalised (rule 11). */
  capitalised:
    /capitali[sz]ed|aktiviert|immobilise|geactiveerd|\bgwg\b|fixed asset|anlagevermoegen/,
  /** Goods bought for resale (merchandise). */
  resale:
    /resale|for resale|handelsware|wareneingang|marchandises|handelsgoederen|inkoop handelsgoederen|varor foer (aterfoersaeljning|vidareforsaljning)|handelsvarer/,
} satisfies Record<string, RegExp>;

export type ContextFlag = keyof typeof CONTEXT_PATTERNS;

export function contextFlags(text: string): Set<ContextFlag> {
  const flags = new Set<ContextFlag>();
  for (const [flag, pattern] of Object.entries(CONTEXT_PATTERNS) as [ContextFlag, RegExp][]) {
    if (pattern.test(text)) flags.add(flag);
  }
  return flags;
}
