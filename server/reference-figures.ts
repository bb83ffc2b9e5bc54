/**
 * The national and regional figures the observatory draws beside the kiosks' own, with who they describe and where
 * they come from. Each value was read in its source (or in an official page quoting it) before being written here;
 * a figure that could not be checked would stay with `verified: false` rather than be guessed.
 */

export type ReferenceFigureId = 'eurostatBasicSkillsFrance' | 'inseeIllectronismFrance2021' | 'inseeIllectronismBfc2019';

export interface ReferenceFigure {
  readonly id: ReferenceFigureId;
  /** The line's caption on the observatory. */
  readonly label: string;
  /** A share, 0 to 1. */
  readonly value: number;
  /** The year the people were surveyed (not the year of publication). */
  readonly year: number;
  /** Who was surveyed, in one French sentence. */
  readonly population: string;
  readonly definition: string;
  readonly source: { readonly publisher: string; readonly title: string; readonly url: string };
  /** Whether the value, year and population were checked against the source or an official page quoting it. */
  readonly verified: boolean;
  /** Where the value was read, when that is not `source.url`. */
  readonly checkedAt?: string;
}

export const REFERENCE_FIGURES: readonly ReferenceFigure[] = [
  {
    // Eurostat DSI 2.0 (from 2021), indicator I_DSK2_BAB in % of individuals. 2023 is the latest year found published:
    // the Commission's Digital Decade 2024 report gives France 59.7 % (EU 55.6 %, Eurostat's 2023 EU figure).
    id: 'eurostatBasicSkillsFrance',
    label: 'Compétences numériques au moins de base, France (Eurostat, 2023)',
    value: 0.597,
    year: 2023,
    population:
      'Personnes de 16 à 74 ans résidant en France, interrogées en 2023 par l’enquête européenne sur l’usage des technologies de l’information par les ménages.',
    definition:
      'Part des personnes dont les compétences numériques globales sont « de base » ou « supérieures à la base » (indicateur DSI 2.0) : au moins une activité faite dans chacun des cinq domaines (information, communication, création de contenus, sécurité, résolution de problèmes), sur les 3 derniers mois (12 pour quelques activités comme les achats en ligne).',
    source: {
      publisher: 'Eurostat',
      title: 'Individuals’ level of digital skills (from 2021 onwards), isoc_sk_dskl_i21',
      url: 'https://ec.europa.eu/eurostat/databrowser/view/isoc_sk_dskl_i21/default/table?lang=fr',
    },
    verified: true,
    checkedAt: 'https://digital-skills-jobs.europa.eu/en/european-interactive-map/france',
  },
  {
    // Insee Première n° 1953 (22 June 2023): 15.4 % = 13.9 % no use in 3 months + 1.5 % users without basic skills.
    id: 'inseeIllectronismFrance2021',
    label: 'Illectronisme, France (Insee, 2021)',
    value: 0.154,
    year: 2021,
    population:
      'Personnes de 15 ans ou plus résidant en France (hors Mayotte) dans un logement ordinaire, interrogées en 2021 par l’enquête de l’Insee sur les technologies de l’information et de la communication (TIC).',
    definition:
      'Illectronisme, définition actuelle de l’Insee : ne pas avoir utilisé internet au cours des 3 derniers mois, ou l’avoir utilisé sans les compétences de base dans au moins quatre des cinq domaines (information, communication, logiciels, protection de la vie privée, résolution de problèmes).',
    source: {
      publisher: 'Insee',
      title: 'Insee Première n° 1953 : 15 % de la population est en situation d’illectronisme en 2021 (juin 2023)',
      url: 'https://www.insee.fr/fr/statistiques/7633654',
    },
    verified: true,
  },
  {
    // Insee Analyses Bourgogne-Franche-Comté n° 97 (17 May 2022): "près de 440 000" people, 19 % of those aged 15+.
    id: 'inseeIllectronismBfc2019',
    label: 'Illectronisme, Bourgogne-Franche-Comté (Insee, 2019)',
    value: 0.19,
    year: 2019,
    population: 'Habitants de Bourgogne-Franche-Comté âgés de 15 ans ou plus, en 2019.',
    definition:
      'Illectronisme, définition de 2019 de l’Insee : ne pas avoir utilisé internet au cours de l’année, ou l’avoir utilisé sans aucune compétence de base dans les quatre domaines mesurés alors (information, communication, logiciels, résolution de problèmes).',
    source: {
      publisher: 'Insee',
      title: 'Insee Analyses Bourgogne-Franche-Comté n° 97 : Un habitant sur cinq démuni face à l’usage d’internet (mai 2022)',
      url: 'https://www.insee.fr/fr/statistiques/6443258',
    },
    verified: true,
  },
];

/**
 * Why the kiosks' figures and each reference line describe different people, in one plain sentence for the reader of
 * the observatory: Repère counts whoever used it (kiosk or mediator), at any age, with no weighting to represent the
 * population and no way to tell that one person answered twice.
 */
export const whyNotComparable: Readonly<Record<ReferenceFigureId, string>> = {
  eurostatBasicSkillsFrance:
    'Eurostat interroge un échantillon qui représente tous les Français de 16 à 74 ans, alors que nos chiffres comptent seulement les personnes qui ont utilisé Repère, à tout âge, sans correction pour représenter la population, et parfois deux fois la même personne.',
  inseeIllectronismFrance2021:
    'L’Insee interroge un échantillon qui représente tous les habitants de 15 ans ou plus, alors que nos chiffres comptent seulement les personnes qui ont utilisé Repère, à tout âge, sans correction pour représenter la population, et parfois deux fois la même personne.',
  inseeIllectronismBfc2019:
    'Ce chiffre de 2019 suit l’ancienne définition de l’Insee (pas d’internet depuis un an, quatre domaines de compétences au lieu de cinq) et porte sur tous les habitants de 15 ans ou plus de la région, alors que nos chiffres suivent la définition de 2021 et ne comptent que les personnes qui ont utilisé Repère.',
};
