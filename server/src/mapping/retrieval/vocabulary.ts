/**
 * Ledger words → the English words the factor tables use (DESNZ, EPA Hub and USEEIO names and
 * library keys), so a German, French, Dutch, Spanish or Nordic booking text can find its
 * factors by lexical search. Grouped by concept; every English word occurs in the library.
 *
 * Spellings are written as `normaliseLedgerText` leaves them (lower case, no diacritics, ä→ae,
 * ö→oe, ü→ue, ß→ss, å→aa). `strom*` matches words starting with `strom` (Stromlieferung),
 * `*strom` words ending with it (Ökostrom): German and Dutch write compounds as one word.
 * Anything else matches whole words or phrases only.
 */
import { normalise } from "../rules/text.ts";
import { SpellingIndex } from "./spelling-index.ts";

export interface Concept {
  /** Words of the factor tables, space-separated. */
  english: string;
  /** Ledger spellings in any of the languages, `|`-separated. */
  words: readonly string[];
}

export const CONCEPTS = {
  // Energy.
  electricity: {
    english: "electricity grid",
    words: ["strom* | *strom | electricit* | elektri* | stroom* | *stroom | electricidad"],
  },
  gridFees: {
    english: "electricity td losses",
    words: ["netznutzung* | netzentgelt* | netbeheer* | acheminement | turpe | elnaet*"],
  },
  naturalGas: {
    english: "natural gas",
    words: ["erdgas* | *erdgas | gaz naturel | aardgas* | gas natural | naturgas | gaz"],
  },
  heatingOil: {
    english: "heating oil",
    words: [
      "heizoel* | *heizoel | fioul | fuel domestique | stookolie | huisbrandolie",
      "gasoleo calefaccion | eldningsolja | fyringsolje | gas oil",
    ],
  },
  diesel: {
    english: "diesel",
    words: ["diesel* | *diesel | gazole | gasoleo | derv | ulsd"],
  },
  petrol: {
    english: "petrol gasoline",
    words: ["benzin* | *benzin | sans plomb | essence | gasolina | bensin | unleaded"],
  },
  lpg: {
    english: "lpg propane",
    words: ["fluessiggas | treibgas | propan* | butan* | gpl | glp | gasol | autogas"],
  },
  kerosene: {
    english: "kerosene burning oil",
    words: ["kerosin* | paraffin | lampolie"],
  },
  hvo: {
    english: "hvo",
    words: ["hvo*"],
  },
  districtHeat: {
    english: "district heat",
    words: [
      "fernwaerme* | nahwaerme* | stadsverwarming | warmtenet | chauffage urbain",
      "reseau de chaleur | fjaerrvaerme | fjernvarme | calefaccion urbana",
    ],
  },
  steam: {
    english: "steam",
    words: ["dampf* | *dampf | stoom* | vapeur | vapor | aanga"],
  },
  refrigerant: {
    english: "refrigerant",
    words: [
      "kaeltemittel* | *kaeltemittel | koudemiddel* | koelmiddel* | frigorigene",
      "refrigerante | koeldmedium | kjolemedium | kolemiddel",
    ],
  },

  // Business travel and commuting.
  flight: {
    english: "flights air travel",
    words: [
      "flug* | *flug | vol | vols | vlucht* | vuelo* | flyg* | billet d'avion",
      "airfare | airline | aerien",
    ],
  },
  hotel: {
    english: "hotel",
    words: [
      "hotel* | *hotel | uebernachtung* | nuitee* | hebergement | overnachting*",
      "logies | alojamiento | hostal | hotell*",
    ],
  },
  rail: {
    english: "rail travel",
    words: [
      "bahn | bahncard* | bahnticket* | bahnfahrt* | zug | zugticket* | zugfahrt*",
      "train | tgv | sncf | trein* | tren | renfe | taag* | tog | spoor*",
    ],
  },
  taxi: {
    english: "taxi",
    words: ["taxi* | cab | vtc | ride"],
  },
  bus: {
    english: "bus travel",
    words: ["bus | fernbus | autocar | autobus | busreis"],
  },
  car: {
    english: "car travel",
    words: [
      "mietwagen* | pkw | voiture | huurauto | hyrbil | leiebil | alquiler coche",
      "kilometergeld | km-geld | indemnites kilometriques | kilometervergoeding",
    ],
  },
  homeworking: {
    english: "homeworking",
    words: ["homeoffice | home office | heimarbeit | teletravail | thuiswerk*", "distansarbete"],
  },

  // Freight.
  freight: {
    english: "freight",
    words: [
      "fracht* | *fracht | spedition* | transport* | vervoer* | affretement",
      "messagerie | frakt* | haulage | carriage | vracht* | *vracht | logisti*",
    ],
  },
  roadFreight: {
    english: "road hgv",
    words: ["lkw* | camion* | vrachtwagen* | sattelzug* | poids lourds | lastbil*"],
  },
  seaFreight: {
    english: "sea",
    words: ["seefracht | fret maritime | zeevracht | maritime | sjoefrakt"],
  },
  airFreight: {
    english: "air freight",
    words: ["luftfracht | fret aerien | luchtvracht"],
  },
  courier: {
    english: "couriers delivery",
    words: ["kurier* | paket* | coursier | colis | koerier* | pakket*"],
  },

  // Waste and water.
  waste: {
    english: "waste disposal refuse",
    words: [
      "abfall* | *abfall | *abfaelle | muell* | *muell | dechet* | afval* | *afval",
      "residuos | avfall* | entsorgung* | restmuell | ordures",
    ],
  },
  landfill: {
    english: "landfill",
    words: ["deponie* | decharge | stortplaats | storten | vertedero | enfouissement"],
  },
  incineration: {
    english: "incineration",
    words: ["verbrennung | muellverbrennung | incinerat* | verbranding | incineracion"],
  },
  recycling: {
    english: "recycling",
    words: [
      "recycl* | wertstoff* | altpapier | hergebruik | valorisation | reciclaje",
      "schrott | ferraille | oud ijzer | metaalschroot",
    ],
  },
  biowaste: {
    english: "anaerobic digestion",
    words: ["biomuell | bioabfall | gft | swill | biodechets | speiseabfall* | vergisting"],
  },
  hazardous: {
    english: "hazardous",
    words: ["sondermuell | sonderabfall* | gefahrstoff* | dechets dangereux | gevaarlijk"],
  },
  wastewater: {
    english: "wastewater",
    words: [
      "abwasser* | schmutzwasser | eaux usees | afvalwater | zuivering* | riool*",
      "assainissement | sewerage | sewage | aguas residuales",
    ],
  },
  water: {
    english: "water supply",
    words: [
      "wasser | trinkwasser | frischwasser | eau | eau potable | drinkwater | agua",
      "vatten | vann | water",
    ],
  },

  // Purchased goods and services: words of the USEEIO industry names.
  insurance: {
    english: "insurance",
    words: [
      "versicherung* | *versicherung | assurance* | verzekering* | seguro*",
      "foersaekring* | forsikring*",
    ],
  },
  legal: {
    english: "lawyers legal",
    words: [
      "rechtsanwalt* | anwalt* | rechtsberatung | avocat* | advocaat* | juridi*",
      "abogado* | notar* | notaire",
    ],
  },
  accounting: {
    english: "accountants accounting",
    words: [
      "steuerberat* | wirtschaftspruef* | buchhaltung | jahresabschluss",
      "expert-comptable | commissaire aux comptes | comptab* | accountan* | boekhoud*",
      "audit* | revisor* | contable",
    ],
  },
  advertising: {
    english: "advertising",
    words: [
      "werbung* | *werbung | anzeige* | publicite | reclame* | advertentie*",
      "publicidad | reklam* | marketing",
    ],
  },
  cleaning: {
    english: "janitorial",
    words: ["reinigung* | *reinigung | nettoyage | schoonmaak* | limpieza | staedning"],
  },
  telecom: {
    english: "telecommunications",
    words: [
      "telefon* | mobilfunk* | telekom* | telecom* | telephon* | telefoon* | internet",
      "festnetz | glasfaser | breitband",
    ],
  },
  software: {
    english: "software",
    words: ["software* | lizenz* | licence* | licentie* | licencia* | saas | logiciel*"],
  },
  hosting: {
    english: "data processing hosting",
    words: ["hosting | rechenzentrum | cloud | serveur* | server* | datacenter"],
  },
  computers: {
    english: "computer",
    words: [
      "computer* | laptop* | notebook* | ordinateur* | monitor* | bildschirm*",
      "drucker | druckerpatrone* | toner | imprimante* | rechner",
    ],
  },
  officeSupplies: {
    english: "office supplies",
    words: [
      "bueromaterial* | buerobedarf | fournitures de bureau | kantoorartikel*",
      "papeterie | material de oficina | kontorsmaterial",
    ],
  },
  furniture: {
    english: "furniture",
    words: ["moebel* | *moebel | mobilier | meubilair | meubel* | muebles | moebler"],
  },
  packaging: {
    english: "packaging",
    words: [
      "verpackung* | *verpackung | emballage* | verpakking* | embalaje* | karton*",
      "carton* | stretchfolie | folie",
    ],
  },
  pallets: {
    english: "pallet",
    words: ["palette* | pallet* | paletas"],
  },
  printing: {
    english: "printing",
    words: ["druckerei | drucksache* | imprimerie | impression | drukwerk | drukkerij"],
  },
  postal: {
    english: "postal",
    words: ["porto | briefmarke* | frankier* | affranchissement | postzegel* | la poste"],
  },
  steel: {
    english: "steel",
    words: ["stahl* | *stahl | acier | staal | acero | staal* | edelstahl"],
  },
  aluminium: {
    english: "aluminum",
    words: ["alu | alumin* | aluminium*"],
  },
  plastics: {
    english: "plastics resin",
    words: ["kunststoff* | granulat* | plastique* | kunststof* | plastico"],
  },
  chemicals: {
    english: "chemical",
    words: ["chemikalie* | produits chimiques | chemicalien | quimicos | kemikalie*"],
  },
  tyres: {
    english: "tire",
    words: ["reifen* | *reifen | pneu* | banden | neumatico*"],
  },
  vehicleRepair: {
    english: "automotive repair",
    words: [
      "kfz-reparatur | werkstatt* | autowerkstatt | garage | entretien vehicule",
      "autoreparatie | taller",
    ],
  },
  machinery: {
    english: "machinery",
    words: ["maschine* | *maschine | machine* | machinerie | maquinaria | anlage"],
  },
  repair: {
    english: "repair maintenance",
    words: [
      "reparatur* | instandhaltung* | wartung* | reparation* | onderhoud*",
      "reparacion | mantenimiento | underhaall",
    ],
  },
  tools: {
    english: "tool",
    words: ["werkzeug* | *werkzeug | outillage | outils | gereedschap* | herramienta*"],
  },
  food: {
    english: "food restaurants",
    words: [
      "lebensmittel* | bewirtung* | catering* | kantine* | restaurant* | repas",
      "maaltijd* | lunch* | comida*",
    ],
  },
  coffee: {
    english: "coffee",
    words: ["kaffee* | cafe | koffie* | kaffe"],
  },
  milk: {
    english: "milk dairy",
    words: ["milch* | *milch | lait | melk* | leche | mjoelk"],
  },
  laundry: {
    english: "launderers",
    words: [
      "waescherei | arbeitskleidung | berufskleidung | blanchisserie | wasserij",
      "werkkleding | mietwaesche",
    ],
  },
  security: {
    english: "security guards",
    words: [
      "bewachung* | sicherheitsdienst* | wachdienst* | gardiennage | beveiliging*",
      "vigilancia | bevakning",
    ],
  },
  temporaryStaff: {
    english: "temporary help",
    words: ["zeitarbeit* | leiharbeit* | arbeitnehmerueberlassung | interim* | uitzend*"],
  },
  recruitment: {
    english: "employment placement",
    words: ["personalvermittlung | recrutement | werving* | headhunt* | reclutamiento"],
  },
  memberships: {
    english: "associations",
    words: [
      "mitgliedsbeitrag* | mitgliedschaft* | cotisation* | lidmaatschap*",
      "contributie | cuota de socio | medlemsavgift",
    ],
  },
  banking: {
    english: "banking",
    words: ["bankgebuehr* | kontofuehrung* | frais bancaires | bankkosten | comision*"],
  },
  payments: {
    english: "financial transactions processing",
    words: ["kartengebuehr* | disagio | commission cb | transactiekosten | zahlungsverkehr"],
  },
  equipmentRental: {
    english: "rental leasing",
    words: [
      "kurzzeitmiete | geraetemiete | mietgeraet* | location materiel | verhuur*",
      "alquiler | uthyrning",
    ],
  },
  labTesting: {
    english: "testing laboratories",
    words: ["laboruntersuchung* | laboranalyse* | laboratoire* | laboratorium", "pruefbericht*"],
  },
  travelAgency: {
    english: "travel agencies",
    words: ["reisebuero* | agence de voyage* | reisbureau* | agencia de viajes"],
  },
  events: {
    english: "convention trade show",
    words: ["messe | messestand* | messebau | salon | beurs | evenement* | tagung*", "congres"],
  },
  pestControl: {
    english: "pest exterminating",
    words: ["schaedling* | deratisation | desinsectisation | ongedierte* | plaga*"],
  },
} satisfies Record<string, Concept>;

/** A concept found in a ledger text: its English words and the ledger word that named it. */
export interface ConceptMatch {
  english: string;
  /** The ledger word as normalised. */
  word: string;
}

/** A concept's spellings, one per entry. */
export function spellings(concept: Concept): string[] {
  return concept.words.flatMap((line) => line.split("|").map((word) => word.trim()));
}

const CONCEPT_INDEX = new SpellingIndex(
  Object.values(CONCEPTS).map((concept) => [concept.english, spellings(concept)] as const),
);

/** ASHRAE refrigerant numbers as ledgers write them: "R-410A", "R 32", "r134a". */
const REFRIGERANT_CODE = /\br-? ?(\d{2,3}[a-z]?)\b/g;

/**
 * `normalise` of the rule modules, with å spelled `aa` first as Danish and Norwegian do, so that
 * Swedish `tåg` does not become the English `tag`.
 */
export function normaliseLedgerText(text: string | undefined): string {
  return normalise(text?.replace(/å/g, "aa").replace(/Å/g, "Aa"));
}

/** The concepts a normalised ledger text names, in vocabulary order. */
export function conceptsIn(text: string): ConceptMatch[] {
  return CONCEPT_INDEX.find(text).map(({ key, word }) => ({ english: key, word }));
}

/** Refrigerant numbers in a normalised text, spelled as library keys spell them (`r410a`). */
export function refrigerantCodes(text: string): string[] {
  return [...text.matchAll(REFRIGERANT_CODE)].map((match) => `r${match[1]}`);
}
