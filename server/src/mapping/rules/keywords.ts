/**
 * Booking-text vocabularies → activity family. Patterns run on `normalise()`d text (lower case,
 * no diacritics, ä→ae, ß→ss), so German stems are written `heizoel`, French `electricite`.
 * Languages: English, German, French, Dutch, Spanish, Swedish/Norwegian/Danish (Nordic).
 * Weight 3 marks phrases that name the activity so precisely that they overrule the account
 * (e.g. EV charging booked on a fuel account, a meter-operator fee on the electricity account);
 * weight 1 marks words that only hint.
 *
 * "X, and later Y" is `followedBy(X, Y)`, not `X.*Y`, which would read the rest of the line again
 * from every X (text-pattern.ts).
 */
import type { ActivityFamily } from "./families.ts";
import { anyOf, followedBy, type TextPattern } from "./text-pattern.ts";
import type { TextRule } from "./text.ts";

type Rule = TextRule<ActivityFamily>;

function rules(value: ActivityFamily, weight: 1 | 2 | 3, ...patterns: TextPattern[]): Rule[] {
  return patterns.map((pattern) => ({ value, pattern, weight }));
}

/** Fuels burned on site or in our vehicles (Scope 1 when we operate the equipment). */
export const FUEL_KEYWORDS: Rule[] = [
  ...rules("fuel.hvo", 3, /\bhvo\d*\b|renewable diesel|xtl|hydrotreated vegetable oil/),
  ...rules(
    "fuel.diesel",
    2,
    /diesel|\bulsd\b|\bderv\b|gazole|gasoil|\bgnr\b|gasoleo|\bgasoil\b|\bdiesel\b/,
  ),
  ...rules("fuel.heating_oil", 3, /gasoleo (de )?calefaccion|gasoleo c\b/),
  ...rules("fuel.heating_oil", 2, /heizoel|fioul|heating oil|gas oil|stookolie|huisbrandolie/),
  ...rules("fuel.heating_oil", 1, /mineraloel|eldningsolja|fyringsolje|fyringsolie/),
  ...rules("fuel.kerosene", 2, /kerosene|burning oil|kerosine|paraffin|petroleo lampante/),
  ...rules(
    "fuel.lpg",
    2,
    /\blpg\b|propane?|butane?|treibgas|fluessiggas|autogas|\bgpl\b|\bglp\b|gasol\b|heftruckgas/,
  ),
  ...rules(
    "fuel.petrol",
    2,
    /unleaded|petrol|gasoline|benzin|super e\d+|superbenzin|sans plomb|\bsp9[58]\b|\be10\b|euro ?95|gasolina|bensin/,
  ),
  ...rules(
    "fuel.natural_gas",
    2,
    /natural gas|erdgas|gaz naturel|aardgas|gas natural|naturgas|\bgas (svc|service|supply|bill)|\btherms?\b|\bthm\b|\bmprn\b|\bpce\b/,
  ),
  ...rules("fuel.natural_gas", 1, /\bgas\b|\bgaz\b/),
];

/** Refrigerant gases by ASHRAE number; the category (top-up, service, first charge) is context. */
export const REFRIGERANT_KEYWORDS: Rule[] = [
  ...rules("refrigerant.r32", 3, /\br-? ?32\b/),
  ...rules("refrigerant.r134a", 3, /\br-? ?134a\b/),
  ...rules("refrigerant.r404a", 3, /\br-? ?404a\b/),
  ...rules("refrigerant.r407c", 3, /\br-? ?407c\b/),
  ...rules("refrigerant.r410a", 3, /\br-? ?410a\b/),
  ...rules("refrigerant.r449a", 3, /\br-? ?449a\b/),
  ...rules("refrigerant.r452a", 3, /\br-? ?452a\b/),
];

/** CO2 bought and released on site: welding shielding gas (Ar/CO2 mixes), dry ice, cylinders. */
export const PROCESS_CO2_KEYWORDS: Rule[] = [
  ...rules(
    "process.co2",
    3,
    /schutzgas|shielding gas|gaz de soudage|beschermgas|corgon|ferromix|mison|dry ice|trockeneis|droogijs|carboglace|glace carbonique|hielo seco|torris|\bco2[- ](cylinder|flasche|fles|bouteille)|kohlendioxid|kooldioxide/,
  ),
];

/** AdBlue/urea for SCR; listed after the fuels so "Diesel + AdBlue" stays diesel. */
export const UREA_KEYWORDS: Rule[] = [
  ...rules("process.urea_scr", 2, /adblue|\barla 32\b|\bdef fluid|diesel exhaust fluid|ureum/),
];

export const ENERGY_KEYWORDS: Rule[] = [
  // Public charging of our own EVs is electricity even when booked as vehicle fuel (README rule 7).
  ...rules(
    "electricity.grid",
    3,
    anyOf(
      /ladevorg|ladestrom|ladesaeule|\bcharging\b|laadsessie|laadpas/,
      followedBy(/recharges? /, /badge|borne|vehicule|flotte/),
      /laddning|ladekort|\bev charg/,
    ),
  ),
  ...rules(
    "electricity.grid",
    2,
    /electric|\belec\b|\bstrom|elektr|electricite|\belectr|\bppa\b|stroom|electricidad|el-?avtal|\bmpan\b|\bpdl\b|zaehlpunkt|\bhh elec|\bnhh\b/,
  ),
  // Energy units also appear on gas and heat bills: only a hint.
  ...rules("electricity.grid", 1, /\bkwh\b|\bmwh\b/),
  // A separate grid (DSO) invoice stands for T&D losses (README rule 9).
  ...rules(
    "electricity.td_losses",
    3,
    /netznutzung|netzentgelt|netbeheer|transportdienst|\bduos\b|distribution use of system|acheminement|\bturpe\b|elnaet|naetavgift|nettleie|peaje de acceso/,
  ),
  ...rules(
    "spend.utility_services",
    3,
    /messstellenbetrieb|messentgelt|meter operat|\bmop\b|meetdienst|meterhuur|comptage|metering fee/,
  ),
  ...rules(
    "heat.district",
    2,
    /fernwaerme|district heat|heat network|stadsverwarming|warmtenet|chauffage urbain|reseau de chaleur|fjaerrvaerme|fjernvarme|fjarrvarme|calefaccion urbana|nahwaerme/,
  ),
  ...rules("heat.steam", 2, /\bsteam\b|dampf|\bstoom|vapeur|\bvapor\b|\bgj\b/),
];

export const TRAVEL_KEYWORDS: Rule[] = [
  ...rules(
    "spend.travel_agency",
    3,
    anyOf(
      /booking fee|buchungsgebuehr|frais de (reservation|service agence)|boekingskosten|reserveringskosten|agency fee/,
      followedBy(/service fee /, /travel/),
    ),
  ),
  ...rules(
    "travel.air",
    2,
    anyOf(
      /\bflug|\bflight|airfare|\be-?tkt\b|\bvol\b|\bvlucht|\bvuelo|\bflyg|\bfly\b|seat upgrade|economy|business class|premium economy|world traveller/,
      // An airport pair ("fra-jfk", "sfo-den-sfo": the pair is enough) and a return or a fare.
      followedBy(/\b[a-z]{3}-[a-z]{3}\b/, /rt|rtn|return|econ|pax|v\.v\./),
    ),
  ),
  ...rules(
    "travel.rail",
    2,
    /bahnticket|bahncard|\btgv\b|\bsncf\b|\bice\b|train|\brail|\bnsb?\b|ns-business|treinkaart|\btrein|\bbillet de train|\brenfe|\btaag\b|\btog\b|\b2\.? ?kl\b|\b2e cl|\bstd open\b|railcard|ov-chipkaart/,
  ),
  ...rules(
    "travel.hotel",
    2,
    /hotel|\bnaechte\b|\bnights?\b|\bnts\b|\bnuits?\b|\bnacht(en)?\b|\bnoches?\b|\bovernachting|uebernachtung|lodging|hebergement|logies|room nights?|\bhotell/,
  ),
  ...rules(
    "travel.taxi",
    2,
    /\btaxi|\bcab\b|\buber\b|\blyft\b|\bvtc\b|bolt ride|freenow|free now|ride-?hail/,
  ),
  ...rules(
    "travel.car_rental",
    2,
    /mietwagen|car hire|car rental|rental car|\brental\b|location (de )?voiture|huurauto|autohuur|alquiler de coche|hyrbil|leiebil/,
  ),
  ...rules(
    "travel.car_private",
    2,
    /mileage|km-?geld|kilometergeld|kilometervergoeding|indemnites? kilometriques?|\bik\b|kilometraje|milersaettning|bilgodtgjoerelse|priv\.? ?pkw|own car|\bmi @|\bmiles @|\b\d+ ?km a /,
  ),
];

export const COMMUTE_KEYWORDS: Rule[] = [
  ...rules(
    "commute.public_transport",
    3,
    /jobticket|deutschlandticket|transit pass|commuter benefit|season ticket|pass navigo|navigo|abonnements? (de )?transport|pass pass|titres? de transport|ov-abonnement|ns-?jaarkaart|abono transporte|pendlarkort|periodekort/,
  ),
  ...rules(
    "commute.car",
    3,
    /woon-?werk|entfernungspauschale|fahrten wohnung|domicile-travail|forfait mobilites|commuting allowance|commute mileage/,
  ),
  ...rules(
    "commute.homeworking",
    3,
    /remote work|home ?office|homeworking|work from home|thuiswerk|teletravail|telework|hjemmekontor|hemarbete/,
  ),
];

export const FREIGHT_KEYWORDS: Rule[] = [
  ...rules(
    "freight.air",
    3,
    /luftfracht|air freight|airfreight|fret aerien|luchtvracht|\bawb\b|carga aerea|flygfrakt/,
  ),
  ...rules(
    "freight.sea",
    3,
    /sea freight|seefracht|fret maritime|zeevracht|\bb\/l\b|bill of lading|\bfcl\b|\blcl\b|flete maritimo|sjoefrakt/,
  ),
  ...rules(
    "freight.parcel",
    2,
    /parcel|pakete?\b|colis|pakket|paquete|\bpaket\b|\bupd\b|courier|kurier|express|\b2day\b|intl priority|home deliver/,
  ),
  ...rules(
    "freight.road",
    2,
    /fracht|freight|haulage|affretement|transport de marchandises|vracht|transporte|\bfrakt|carriage|pallet network|koeltransport|kuehltransport|spedition|tournees|\bsdg\b|sendungen|ritten|\bltl\b|\bftl\b|camionnage|messagerie/,
  ),
];

export const WASTE_WATER_KEYWORDS: Rule[] = [
  ...rules(
    "waste.hazardous",
    3,
    /sonderabfall|gefaehrliche abfaelle|hazardous|dechets dangereux|\bddi\b|gevaarlijk afval|\bkga\b|residuos peligrosos|farligt avfall|farlig avfall|begleitschein|\bavv \d\d \d\d \d\d\*|altoel|altemulsion/,
  ),
  ...rules(
    "waste.wastewater",
    3,
    /abwasser|schmutzwasser|wastewater|waste water|sewerage|sewer|eaux usees|assainissement|zuiveringsheffing|rioolheffing|afvalwater|aguas residuales|avloppsvatten|avloep|spildevand/,
  ),
  ...rules(
    "waste.anaerobic_digestion",
    3,
    /vergisting|vergaerung|biogas|anaerobic digest|methanisation|rötning|roetning|gft|bioabfall|food waste/,
  ),
  ...rules(
    "waste.recycling",
    2,
    /recycl|verwertung|valorisation|schrott|spaene|scrap|ferraille|oud papier|altpapier|cardboard bale|balles carton|e-?waste|elektroschrott|kringloop|\bweee\b|reciclaje|atervinning/,
  ),
  ...rules(
    "waste.landfill",
    3,
    /landfill|deponie|enfouissement|\bisdnd\b|stortplaats|\bstort\b|vertedero|deponi|trash|dumpster/,
  ),
  ...rules(
    "waste.incineration",
    3,
    /incinerat|verbrennung|\befw\b|energy from waste|energy-from-waste|restafval|restmuell|afvalverbranding|forbraenning/,
  ),
  // Unsorted commercial waste: the customary route is decided by country in combine.ts.
  ...rules(
    "waste.incineration",
    1,
    /gewerbeabfall|abfall|\bwaste\b|dechets|\bdib\b|bedrijfsafval|afval|residuos|\bavfall|\baffald|container|benne|\bmuell(?!er)/,
  ),
  ...rules(
    "water.supply",
    2,
    /trinkwasser|frischwasser|\bwasser\b|water (svc|supply|service)|\bwater\b|drinkwater|\beau\b|\bagua\b|\bvatten\b|\bvann\b|\bccf\b/,
  ),
];

/** Purchased goods and services (category 3.1, or 3.2 on a fixed-asset account). */
export const SPEND_KEYWORDS: Rule[] = [
  ...rules(
    "spend.payment_processing",
    3,
    /processing fee|merchant service|card processing|stripe|\badyen|worldpay|sumup|paypal fee|kartengebuehr|disagio|frais de carte|commission cb/,
  ),
  ...rules(
    "spend.financial_services",
    3,
    /card fees?|account analysis|kontofuehrung|buchungsposten|frais (de )?tenue de compte|commissions? bancaires?|bankkosten|kosten betalingsverkeer|bank charges|bank fees?|gastos bancarios|bankavgift|gebyr/,
  ),
  ...rules(
    "spend.insurance",
    2,
    /insurance|versicherung|assurance|verzekering|\bpolicy\b|\bseguro|foersaekring|forsikring|premie/,
  ),
  ...rules(
    "spend.legal_services",
    2,
    /\blegal\b|rechtsanwalt|anwalt|kanzlei|avocat|juridique|advocaat|notaris|notaire|abogado|advokat/,
  ),
  ...rules(
    "spend.accounting_services",
    2,
    /audit|accountan|buchhaltung|buchfuehrung|pruefung|abschluss|steuerberat|wirtschaftspruef|expert-?comptable|commissaire aux comptes|jaarrekening|boekhoud|contabilidad|revision|bokfoering|regnskap/,
  ),
  ...rules(
    "spend.recruitment",
    2,
    /recruit|placement fee|personalvermittlung|headhunt|recrutement|werving|reclutamiento|rekrytering/,
  ),
  ...rules(
    "spend.temporary_staff",
    2,
    /interim|zeitarbeit|arbeitnehmerueberlassung|temp staff|agency staff|uitzend|\bintérim|bemanning|\betts?\b/,
  ),
  ...rules(
    "spend.advertising",
    2,
    /advertis|\bads\b|\bppc\b|werbung|anzeige|publicite|reclame|adverteren|publicidad|annons|google ads|marketing/,
  ),
  ...rules(
    "spend.events",
    2,
    anyOf(
      /trade show|\bbooth\b|standflaeche|messe\b|messestand|salon professionnel|beursstand|\bexpo\b/,
      followedBy(/conference /, /booth|deposit|sponsor/),
      /feria/,
    ),
  ),
  ...rules(
    "spend.cleaning_services",
    2,
    /janitorial|cleaning|reinigung|nettoyage|schoonmaak|limpieza|stadning|rengoering|rengjoring/,
  ),
  ...rules(
    "spend.security_services",
    2,
    /guarding|security|bewachung|wachdienst|gardiennage|beveiliging|seguridad|bevakning|vakthold/,
  ),
  ...rules(
    "spend.pest_control",
    3,
    /pest control|ongedierte|schaedlingsbek|deratisation|desinsectisation|control de plagas|skadedjur/,
  ),
  ...rules(
    "spend.workwear_service",
    2,
    /berufskleidung|workwear|werkkleding|vetements de travail|arbetskläder|mietservice|textil-?service|linen service/,
  ),
  ...rules(
    "spend.software",
    2,
    /software|\bsaas\b|licen[cs]|lizenz|subscription|abonnement logiciel|\blic\b|seats|telemati|abonnement tele/,
  ),
  ...rules(
    "spend.cloud_services",
    2,
    /\baws\b|\bec2\b|\bs3\b|azure|google cloud|\bgcp\b|cloud hosting|hosting|\biaas\b|\bpaas\b|rechenzentrum|datacenter|colocation/,
  ),
  ...rules(
    "spend.telecom",
    2,
    /telefon|telephone|internet|mobilfunk|festnetz|\bsim\b|telecom|mobile phone|\bvoice\b|breitband|glasfaser|telefonie|mobiel|\bdsl\b|fibre|telefonia/,
  ),
  ...rules(
    "spend.postal",
    2,
    /porto|postage|frankier|affranchissement|\bbriefe\b|letter post|\bpostzegel|franqueo|\bfrimaerke/,
  ),
  ...rules(
    "spend.printing",
    2,
    /printing|druck|impression|drukwerk|leaflet|catalogue|flyer|brochure|imprenta|tryck/,
  ),
  ...rules(
    "spend.office_supplies",
    2,
    /office supplies|buerobedarf|fournitures (de bureau|administratives)|kantoorartikelen|paper, toner|\btoner\b|material de oficina|kontorsmaterial/,
  ),
  ...rules(
    "spend.it_hardware",
    2,
    /laptop|notebook|macbook|thinkpad|monitor|headset|\bmaus\b|\bmouse\b|keyboard|tastatur|computer|\bpc\b|tablet|ipad|drucker|printer|epos terminal|server hardware|dock\b/,
  ),
  ...rules(
    "spend.furniture",
    2,
    /furniture|moebel|mobilier|meubilair|meubels|aeron|sit-stand|\bchairs?\b|\bdesks?\b|shopfit|fixtures|muebles|moebler/,
  ),
  ...rules(
    "spend.packaging",
    2,
    /packaging|verpackung|emballage|verpakking|karton|carton|kartons|folie|stretch|film etirable|carrier bags|\bbags?\b|tuete|omdozen|dozen|embalaje|foerpackning|emballasje/,
  ),
  ...rules("spend.pallets", 2, /palett|pallets?\b|palettes|pallet(s)? epal|\bepal\b/),
  ...rules(
    "spend.chemicals",
    2,
    /chemi|reinigingsmiddel|reinigungsmittel|detergent|\bcip\b|loesungsmittel|solvent|quimicos/,
  ),
  // Refrigerants that are not greenhouse gases are a chemical purchase, not Scope 1 (rule 5).
  ...rules(
    "spend.chemicals",
    3,
    /ammoniak|ammonia|\br-? ?717\b|stickstoff|nitrogen|\bazote\b|stikstof/,
  ),
  ...rules(
    "spend.lubricants",
    2,
    /schmierstoff|kuehlschmier|lubricant|lubrifiant|smeermiddel|huile moteur|motoroel|engine oil|\boil change|hydraulikoel|metalworking fluid|smoerjmedel/,
  ),
  ...rules("spend.tyres", 2, /\btyres?\b|\btires?\b|reifen|pneus?\b|banden|neumaticos|daeck|dekk/),
  ...rules(
    "spend.vehicle_maintenance",
    2,
    /vidange|inspektion|kfz-?reparatur|vehicle service|entretien \d+ ?000 km|\bmot\b|onderhoud (auto|wagen)|werkplaats|service \d+ ?000|fahrzeugwartung/,
  ),
  ...rules("spend.machinery_repair", 2, /spindel|maschinenreparatur|machine repair/),
  ...rules(
    "spend.machinery_repair",
    1,
    /reparatur|repair|reparation|depannage|instandhaltung|instandsetzung|wartung|onderhoud|mantenimiento|\bservice\b/,
  ),
  ...rules(
    "spend.hvac_maintenance",
    2,
    anyOf(
      /hvac|klima|air con|airco|climatisation|kaelte|koeltechniek|dichtheitspruefung|leak (check|test)|f-gas|koelinstallatie/,
      followedBy(/\bpm\b/, /hvac/),
    ),
  ),
  ...rules(
    "spend.equipment_rental",
    2,
    anyOf(
      /kurzzeitmiete|equipment hire|\bhire\b|plant hire|location (de )?materiel|verhuur/,
      followedBy(/huur /, /heftruck|hoogwerker/),
      /alquiler de (equipo|maquinaria)|uthyrning/,
    ),
  ),
  ...rules(
    "spend.machinery",
    1,
    /maschine|machine|bearbeitungszentrum|stapler|forklift|chariot elevateur|heftruck|kompressor|compressor|koelcel|anlage|installatie|installation/,
  ),
  ...rules(
    "spend.power_tools",
    2,
    /bohrhammer|akku-|power tool|drill|perceuse|boormachine|schlagschrauber|makita|hilti|bosch professional|festool/,
  ),
  ...rules(
    "spend.cutting_tools",
    2,
    /fraeser|wendeplatte|bohrer|cutting tool|outils coupants|\bvhm\b|spiralbohrer|frezen|endmill|end mill|gewindebohrer/,
  ),
  ...rules(
    "spend.mro_supplies",
    2,
    /schrauben|duebel|kabelbinder|fasteners|screws|bolts|visserie|bevestigingsmateriaal|betriebsbedarf|kleinteile|consumables/,
  ),
  ...rules(
    "spend.building_materials",
    2,
    /plasterboard|timber|gipskarton|baustoff|materiaux de construction|bouwmateriaal|\bcement|beton|mortel|moertel|fixings|tiles/,
  ),
  ...rules(
    "spend.raw_materials_steel",
    2,
    /\bstahl|\bsteel|\bacier|\bstaal|\bacero|rundstahl|blankstahl|\b\d+crmo\d|\b11smn/,
  ),
  ...rules("spend.raw_materials_aluminium", 2, /alumin|alu-|\baw-\d{4}/),
  ...rules(
    "spend.plastics_resin",
    2,
    /granulat|granulate|resin|\bharz|polymer|\bpp\b|\bpe-?hd|\bhdpe|\bpet\b|regranulat/,
  ),
  ...rules("spend.raw_milk", 3, /melkgeld|rohmilch|raw milk|lait cru|melkaanvoer|\bmjoelk/),
  ...rules(
    "spend.dairy_products",
    2,
    /\bmilk\b|half & half|cream\b|butter|yogurt|cheese|kaese|fromage|\bkaas\b|zuivel|\bmelk\b/,
  ),
  ...rules(
    "spend.food_ingredients",
    2,
    /stremsel|lab-?ferment|rennet|zuursel|starter culture|kulturen|\bzout\b|\bsalz\b|\bsalt\b|\bsel\b|spices|gewuerze|ingredient|zutaten|kruiden/,
  ),
  ...rules(
    "spend.food_products",
    2,
    /coffee|kaffee|koffie|\bcafe\b|beans|snacks|groceries|lebensmittel|\btea\b|\bthee\b|fruit|obst/,
  ),
  ...rules(
    "spend.food_catering",
    3,
    /uber eats|deliveroo|doordash|grubhub|lieferando|thuisbezorgd|minibar|in-room dining|room service/,
  ),
  ...rules(
    "spend.food_catering",
    2,
    /catering|bewirtung|restaurant|kantine|canteen|cafeteria|team lunch|lunch|dinner|diner|repas|maaltijd|\bmeals?\b|bedrijfsrestaurant|representation|traiteur/,
  ),
  ...rules(
    "spend.lab_supplies",
    2,
    /laborbedarf|labbenodigdheden|lab supplies|pipet|petri|consommables de laboratoire|reagent|reagenz/,
  ),
  ...rules(
    "spend.lab_testing",
    2,
    /analyse|analysis|pruefbericht|testing|labortest|melkonderzoek|onderzoek|essai/,
  ),
  ...rules(
    "spend.memberships",
    2,
    /membership|mitgliedsbeitrag|mitgliedschaft|cotisation (annuelle|adherent)|lidmaatschap|contributie|cuota socio|medlemsavgift|dues\b/,
  ),
  ...rules(
    "spend.road_tolls",
    3,
    /peage|maut\b|\btoll|telepeage|bip&go|liber-?t|tolkosten|peaje|vignette|bompenger|traengselskatt/,
  ),
  ...rules("spend.apparel", 2, /hoodies?|t-?shirts?|apparel|textil|embroidered|caps\b|polo/),
  ...rules(
    "spend.vehicles",
    2,
    anyOf(
      /panel van/,
      followedBy(/\bvan\b/, /purchase/),
      /neufahrzeug|vehicule neuf/,
      followedBy(/tracteur /, /neuf/),
      followedBy(/\bneuf\b/, /immatric/),
      /nieuwe (auto|bestelwagen)|vehiculo nuevo/,
    ),
  ),
  ...rules(
    "spend.merchandise_ceramics",
    2,
    /stoneware|ceramic|keramik|porcelain|porzellan|faience|dinner sets?|geschirr|servies|vajilla/,
  ),
  ...rules(
    "spend.merchandise_home_textiles",
    2,
    /cushion|curtain|\blinen\b|throws|bedding|bettwaesche|kissen|housse|coussin|kussens|dekbed/,
  ),
  ...rules(
    "spend.merchandise_furniture",
    1,
    anyOf(/dining chairs|sofa/, followedBy(/tables? /, /range/), /armchair/),
  ),
  ...rules(
    "spend.utility_services",
    1,
    /grundgebuehr|standing charge|abonnement (gaz|elec)|vastrecht/,
  ),
];

/** Rented space whose energy the landlord controls (README rule 17). */
export const LEASED_KEYWORDS: Rule[] = [
  ...rules(
    "leased.building",
    3,
    anyOf(
      /coworking|co-working|dedicated desks?|hot desks?|flex office|wework|regus|spaces\b/,
      followedBy(/service charge/, /common|energy/),
      /common parts|nebenkosten gemeinschaft|charges communes|servicekosten/,
    ),
  ),
  ...rules(
    "investment.equity",
    3,
    /genossenschaftsanteil|beteiligung|equity stake|participation|prise de participation|deelneming|aandelen|capital increase|kapitaleinlage/,
  ),
];

/** Every vocabulary, in priority order: on a tie the earlier rule wins. */
export const KEYWORD_RULES: Rule[] = [
  ...COMMUTE_KEYWORDS,
  ...LEASED_KEYWORDS,
  ...PROCESS_CO2_KEYWORDS,
  ...REFRIGERANT_KEYWORDS,
  ...ENERGY_KEYWORDS,
  ...FUEL_KEYWORDS,
  ...UREA_KEYWORDS,
  ...TRAVEL_KEYWORDS,
  ...FREIGHT_KEYWORDS,
  ...WASTE_WATER_KEYWORDS,
  ...SPEND_KEYWORDS,
];
