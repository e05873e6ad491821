/**
 * Rows that are not emissions (README "Not emissions"): compensation, taxes, financing,
 * internal settlements, allowances, certificates, income, rent of sites we operate and long-term
 * leases of vehicles we operate. Each rule names its reason; patterns run on normalised text.
 * Deliberately absent: insurance premiums and bank service fees, which are purchased financial
 * services (README rule 10, spend-based 3.1), and statutory levies that pay for a service such as
 * wastewater treatment (rule 14).
 */
import type { TextRule } from "./text.ts";

type Rule = TextRule<string>;

function rule(reason: string, weight: 1 | 2 | 3, pattern: RegExp): Rule {
  return { value: reason, pattern, weight };
}

export const NOT_EMISSIONS_RULES: Rule[] = [
  rule(
    "wages and salaries are compensation",
    3,
    /payroll|\bwages\b|salaries|\bloehne\b|\bgehaelter|lohnjournal|salaires|salarisrun|lonen en salarissen|\bsalarios|\bloener\b|\bloen\b|\bloenn\b|\blon\b|nominas?\b|net pay|bonus(es)?\b|tantieme|13e maand|vakantiegeld|urlaubsgeld/,
  ),
  rule(
    "payroll taxes and social security are compensation costs",
    3,
    /payroll tax|\bfica\b|\bfuta\b|\bpaye\b|\bnic\b|national insurance|sv-beitr|sozialversicherung|beitragsnachweis|lohnsteuer|\blst\b|kirchensteuer|loonheffing|cotisations (patronales|sociales)|urssaf|\bdsn\b|securite sociale|seguridad social|arbetsgivaravgift|arbeidsgiveravgift|berufsgenossenschaft|gesetzl\.? unfallversicherung/,
  ),
  rule(
    "pensions and employer health premiums are compensation",
    3,
    /pension|pensioen|pensjon|401\(?k\)?|retirement plan|altersversorgung|medical premium|health premium|group medical|krankenversicherung arbeitgeber|mutuelle|prevoyance|tjaenstepension|tjenestepensjon/,
  ),
  rule(
    "taxes are not purchases",
    3,
    /\bvat\b|\bust\b|ust-va|umsatzsteuer|vorsteuer|\btva\b|\bbtw\b|\biva\b|\bmoms\b|\bmva\b|sales (& use |and use )?tax|use tax|income tax|est\.? tax|franchise tax|gewerbesteuer|koerperschaftsteuer|acompte is\b|impots? sur les (benefices|societes)|\bcfe\b|\bcvae\b|taxe fonciere|grundsteuer|business rates|\bnndr\b|council tax|kfz-steuer|vehicle (excise )?tax|motorrijtuigenbelasting|vennootschapsbelasting|stromsteuer|energiesteuer|energiebelasting|\bcspe\b|\bticfe\b|\bcamt|climate change levy|rundfunkbeitrag|\bgez\b|\btv licen/,
  ),
  rule(
    "customs duties and import VAT are taxes",
    3,
    /\bzoll\b|zoelle|einfuhr|\beust\b|import duty|import vat|customs duty|droits de douane|\bdouane|invoerrechten|aranceles|\btull\b|\btoll(avgift)? og/,
  ),
  rule(
    "compulsory chamber levies and government fees are taxes",
    3,
    /\bihk\b|handwerkskammer|chamber of commerce|kamer van koophandel|\bcci\b|companies house|filing fee|greffe|handelsregister/,
  ),
  rule(
    "fines and penalties are not purchases",
    3,
    /\bfines?\b|penalty|penalite|bussgeld|verwarnungsgeld|contravention|amende|\bboete\b|\bmulta\b|\bbot\b|parking ticket/,
  ),
  rule(
    "depreciation: the asset was counted when bought",
    3,
    /depreciation|\bdepn\b|\bafa\b|abschreibung|amortissement|dotation amort|afschrijving|amortizacion|avskrivning|afskrivning/,
  ),
  rule(
    "loan interest is financing, not a purchase",
    3,
    /interest|\bzinsen?\b|interets|\brente\b|intereses|\branta\b|\brenter\b|loan repayment|tilgung|remboursement (d')?emprunt|aflossing/,
  ),
  rule(
    "internal, intercompany and card-statement settlements are transfers",
    3,
    /intercompany|\bi\/c\b|\bi\/co\b|\bic\b settlement|transfer|umbuchung|geldtransit|virement|\boverboeking|kruisposten|payment - thank you|card (statement )?payment|petty cash|kasse an bank|rekening-courant|\br\/c\b|verrechnungskonto|compte courant/,
  ),
  rule(
    "intercompany management fees stay inside the group boundary",
    3,
    /management fee|konzernumlage|doorbelasting|frais de siege|holding fee/,
  ),
  rule("dividends are a distribution of profit", 3, /dividend|gewinnausschuettung/),
  rule(
    "donations are not purchases of goods or services",
    3,
    /donation|spende|charit|\bdon\b|\bdons\b|schenking|gift aid|donativo|\bgava\b/,
  ),
  rule(
    "per diems and meal vouchers are allowances, not purchases",
    3,
    /per diem|\bm&ie\b|verpflegungsmehraufwand|verpflegungspauschale|indemnites? de (grand )?deplacement|grand deplacement|titres?-resto|tickets? restaurant|meal voucher|essensgutschein|maaltijdcheque|dietas|traktamente|diett/,
  ),
  rule(
    "staff loans are not purchases",
    3,
    /staff loan|\bloan\b|darlehen an (mitarbeiter|arbeitnehmer)|avance sur salaire|voorschot personeel/,
  ),
  rule(
    "energy attribute certificates are market-based Scope 2 instruments, not activities",
    3,
    /\brecs?\b|renewable energy certificate|herkunftsnachweis|guarantees? of origin|garanties? d'origine|garantie(s)? van oorsprong|\bgvo\b|\bgoos?\b|\bi-?recs?\b|ursprungsgarantier|opprinnelsesgarantier|\bregos?\b/,
  ),
  rule(
    "rent of a site we operate: its energy is on the Scope 1/2 rows",
    2,
    /\brent\b|\bmiete\b|\bloyers?\b|\bhuur\b|\balquiler\b|\bhyra\b|\bhusleie\b|\bpacht\b|kaltmiete|base rent/,
  ),
  rule(
    "long-term lease of a vehicle we operate: its fuel is on the Scope 1 rows",
    3,
    /leasingrate|lease pmt|lease payment|auto lease|car lease|\blld\b|location longue duree|mietleasing kfz|operational lease|leasetermijn|renting/,
  ),
  rule(
    "a by-product sold (e.g. as feed) is a product, not waste",
    3,
    /sold as feed|futtermittel|veevoer|aliment(ation)? animale|by-product sale|bijproduct/,
  ),
  rule(
    "a recharge to a tenant is income",
    2,
    /weiterberechnung|recharge income|refacturation|doorberekening/,
  ),
];
